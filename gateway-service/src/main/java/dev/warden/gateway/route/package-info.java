/**
 * The route table of the edge: which public path reaches which service and path, the
 * aliases that keep the seeds' clients working, the resilience every route gets (circuit
 * breaker, time limit, retries for idempotent calls) and the outbound HTTP client.
 */
@NullMarked
package dev.warden.gateway.route;

import org.jspecify.annotations.NullMarked;
