/**
 * The services behind the gateway and where to reach them.
 */
@NullMarked
package dev.warden.gateway.upstream;

import org.jspecify.annotations.NullMarked;
