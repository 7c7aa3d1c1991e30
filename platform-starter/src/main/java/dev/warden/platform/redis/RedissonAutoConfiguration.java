package dev.warden.platform.redis;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** A Redisson client, for services that put Redisson on their class path. */
@AutoConfiguration
@ConditionalOnClass(RedissonClient.class)
@EnableConfigurationProperties(RedisProperties.class)
public class RedissonAutoConfiguration {

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean
	RedissonClient redissonClient(RedisProperties properties) {
		Config config = new Config();
		var server = config.useSingleServer()
			.setAddress(properties.address())
			.setDatabase(properties.database())
			.setConnectionPoolSize(properties.connectionPoolSize())
			.setConnectionMinimumIdleSize(Math.min(4, properties.connectionPoolSize()))
			// Fail a command within seconds when Redis is gone; callers decide what that
			// means.
			.setConnectTimeout(2000)
			.setTimeout(2000)
			.setRetryAttempts(2);
		if (properties.password() != null && !properties.password().isEmpty()) {
			server.setPassword(properties.password());
		}
		// Do not refuse to start when Redis is late; health reports it until it answers.
		config.setLazyInitialization(true);
		return Redisson.create(config);
	}

	@Bean
	RedisHealthIndicator redisHealthIndicator(RedissonClient redisson) {
		return new RedisHealthIndicator(redisson);
	}

}
