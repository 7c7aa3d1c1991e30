package dev.warden.gateway.ratelimit;

import dev.warden.platform.problem.Problems;
import dev.warden.platform.security.HttpSecurityCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Puts the rate limit into Spring Security's chain, right after authorization: only
 * requests that may go on are counted, and the user and tier come from the verified
 * token. The filter is not a bean, so the servlet container does not run it a second time
 * outside the chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	HttpSecurityCustomizer rateLimitChain(RedissonClient redisson, RateLimitProperties properties, Problems problems,
			MeterRegistry meters) {
		RateLimitFilter filter = new RateLimitFilter(new RedisRateLimiter(redisson), properties, problems, meters);
		return (http) -> http.addFilterAfter(filter, AuthorizationFilter.class);
	}

}
