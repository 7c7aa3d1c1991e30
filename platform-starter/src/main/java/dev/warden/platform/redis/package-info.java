/**
 * A Redisson client for services that keep limits, quotas, locks or connection routes in
 * Redis.
 */
@NullMarked
package dev.warden.platform.redis;

import org.jspecify.annotations.NullMarked;
