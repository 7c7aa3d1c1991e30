package dev.warden.command.policy;

import java.util.concurrent.Executors;

import dev.warden.platform.observability.RequestIds;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = RulesClient.class)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyClientConfiguration {

	/**
	 * Names each Feign circuit breaker after its client, so that it can be configured by
	 * name.
	 */
	@Bean
	CircuitBreakerNameResolver circuitBreakerNameResolver() {
		return (feignClientName, target, method) -> feignClientName;
	}

	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> rulesServiceBreaker(PolicyProperties properties) {
		return (factory) -> {
			// The time limiter runs calls on other threads: carry the trace and the
			// request id there.
			ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(RequestIds.MDC_KEY));
			factory.configureExecutorService(ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
					ContextSnapshotFactory.builder().build()));
			configure(factory, properties);
		};
	}

	private static void configure(Resilience4JCircuitBreakerFactory factory, PolicyProperties properties) {
		factory.configure((builder) -> builder
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(properties.timeout()).build())
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.failureRateThreshold(properties.failureRateThreshold())
				.minimumNumberOfCalls(properties.minimumCalls())
				.slidingWindowSize(Math.max(properties.minimumCalls(), 20))
				.waitDurationInOpenState(properties.openFor())
				.build()), RulesClient.NAME);
	}

}
