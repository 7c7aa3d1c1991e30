/**
 * A stock Spring Cloud Gateway (Web MVC), a peer in bench/gateway.sh.
 */
@NullMarked
package dev.warden.benchscg.mvc;

import org.jspecify.annotations.NullMarked;
