/**
 * Rate limits per user and tier, and per client address for anonymous sign-in requests,
 * held in Redis so that they hold across gateway replicas.
 */
@NullMarked
package dev.warden.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
