package dev.warden.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A GCRA token bucket in Redis, as one Lua script: one round trip per request, atomic
 * across every gateway replica, Redis's own clock (replicas' clocks may differ), and a
 * key that expires when its bucket is full again.
 * <p>
 * A bucket admits {@code limit} requests at once and refills one request every
 * {@code period / limit}. Redisson's {@code RRateLimiter} was the other candidate; it
 * needs a setup command per key, keeps its keys forever unless expired separately, and
 * takes several commands per permit.
 */
class RedisRateLimiter {

	/**
	 * KEYS[1] the bucket; ARGV[1] microseconds per request (period / limit); ARGV[2] the
	 * limit. Returns {allowed, remaining, retry after in µs, reset in µs}. The stored
	 * value is the theoretical arrival time (TAT) of the next request.
	 */
	static final String SCRIPT = """
			local interval = tonumber(ARGV[1])
			local limit = tonumber(ARGV[2])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			local tat = tonumber(redis.call('GET', KEYS[1]))
			if tat == nil or tat < now then tat = now end
			local window = interval * limit
			local next_tat = tat + interval
			local allow_at = next_tat - window
			if now < allow_at then
			  return {0, 0, math.ceil(allow_at - now), math.ceil(tat - now)}
			end
			redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
			return {1, math.floor((now - allow_at) / interval), 0, math.ceil(next_tat - now)}
			""";

	private final RScript script;

	RedisRateLimiter(RedissonClient redisson) {
		this.script = redisson.getScript(StringCodec.INSTANCE);
	}

	/**
	 * Takes one request from a bucket.
	 * @param key the bucket's Redis key
	 * @param limit its policy
	 * @return the decision
	 * @throws RuntimeException when Redis cannot be asked
	 */
	Decision acquire(String key, RateLimitProperties.Limit limit) {
		long interval = Math.max(1, limit.period().toNanos() / 1000 / limit.limit());
		List<Long> result = this.script.eval(key, RScript.Mode.READ_WRITE, SCRIPT, RScript.ReturnType.LIST,
				List.of(key), String.valueOf(interval), String.valueOf(limit.limit()));
		return new Decision(result.get(0) == 1L, limit.limit(), Math.max(0, result.get(1)),
				Duration.ofNanos(result.get(2) * 1000), Duration.ofNanos(result.get(3) * 1000));
	}

}
