/**
 * What the gateway observes per request, and what it leaves out because it costs more
 * than it tells.
 */
@NullMarked
package dev.warden.gateway.observability;

import org.jspecify.annotations.NullMarked;
