package dev.warden.platform.redis;

import java.util.concurrent.TimeUnit;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Reports whether Redis answers a ping within two seconds. */
final class RedisHealthIndicator extends AbstractHealthIndicator {

	private final RedissonClient redisson;

	RedisHealthIndicator(RedissonClient redisson) {
		super("Redis health check failed");
		this.redisson = redisson;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean answered = this.redisson.getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS);
		(answered ? builder.up() : builder.down()).withDetail("ping", answered);
	}

}
