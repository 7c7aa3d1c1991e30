package dev.warden.gateway.ratelimit;

import java.time.Duration;

/**
 * What the limiter said about one request.
 *
 * @param allowed whether the request may go on
 * @param limit the requests the policy admits per period
 * @param remaining how many more requests would be admitted right now
 * @param retryAfter when a refused request may be retried; zero when admitted
 * @param reset when the bucket is full again (all of the limit available)
 */
record Decision(boolean allowed, int limit, long remaining, Duration retryAfter, Duration reset) {
}
