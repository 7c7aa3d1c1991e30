/**
 * A stock Spring Cloud Gateway (WebFlux), the peer of Warden's gateway in
 * bench/gateway.sh.
 */
@NullMarked
package dev.warden.benchscg.webflux;

import org.jspecify.annotations.NullMarked;
