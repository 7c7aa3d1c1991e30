/**
 * Identity at the edge: bearer JWTs checked locally against auth-service's JWKS, API keys
 * exchanged for short-lived JWTs, identity headers sent by clients stripped, and caches
 * evicted on {@code identity.events}.
 */
@NullMarked
package dev.warden.gateway.identity;

import org.jspecify.annotations.NullMarked;
