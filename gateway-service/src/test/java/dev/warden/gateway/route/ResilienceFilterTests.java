package dev.warden.gateway.route;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.platform.problem.Problems;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.EntityResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceFilterTests {

	private static final GatewayRoute ROUTE = new GatewayRoute("rules", "rules", URI.create("http://localhost:1"),
			List.of("/api/v1/rules/**"), Set.of(), null);

	private final Problems problems = new Problems(new StaticListableBeanFactory().getBeanProvider(Tracer.class),
			JsonMapper.builder().build());

	@Test
	void anUnreachableServiceIsAServiceUnavailableProblemWithRetryAfter() {
		ServerResponse response = filter(Duration.ofSeconds(5)).filter(request(), (request) -> {
			throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
		});
		assertThat(response.statusCode().value()).isEqualTo(503);
		assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(problem(response).getType()).hasToString("https://warden.dev/problems/service-unavailable");
		assertThat(problem(response).getProperties()).containsEntry("route", "rules");
	}

	@Test
	void aCallOverTheTimeLimitIsAnUpstreamTimeoutProblem() {
		ServerResponse response = filter(Duration.ofMillis(200)).filter(request(), (request) -> {
			Thread.sleep(5_000);
			return ServerResponse.ok().build();
		});
		assertThat(response.statusCode().value()).isEqualTo(504);
		assertThat(problem(response).getType()).hasToString("https://warden.dev/problems/upstream-timeout");
	}

	@Test
	void theBreakerOpensOnTheServicesFailuresButNotOnTheClientsOversizedBodies() {
		ResilienceFilter filter = filter(Duration.ofSeconds(5));
		AtomicInteger calls = new AtomicInteger();
		// An oversized body is the client's fault: answered 413, not counted.
		for (int i = 0; i < 5; i++) {
			ServerRequest oversized = request();
			oversized.servletRequest()
				.setAttribute("dev.warden.platform.problem.RequestSizeLimitFilter.exceeded", Boolean.TRUE);
			ServerResponse response = filter.filter(oversized, (request) -> {
				calls.incrementAndGet();
				throw new ResourceAccessException("I/O error", new java.io.IOException("too large"));
			});
			assertThat(response.statusCode().value()).isEqualTo(413);
		}
		assertThat(calls).hasValue(5);
		CircuitBreaker breaker = this.factory.getCircuitBreakerRegistry().circuitBreaker(ROUTE.id());
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		// The service's own 503s are passed on unchanged and counted, until the breaker
		// opens.
		while (breaker.getState() == CircuitBreaker.State.CLOSED) {
			ServerResponse response = filter.filter(request(), (request) -> {
				calls.incrementAndGet();
				return ServerResponse.status(503).build();
			});
			assertThat(response.statusCode().value()).isEqualTo(503);
			assertThat(response).isNotInstanceOf(EntityResponse.class);
			assertThat(calls.get()).isLessThan(10);
		}
		int before = calls.get();
		ServerResponse open = filter.filter(request(), (request) -> {
			calls.incrementAndGet();
			return ServerResponse.ok().build();
		});
		assertThat(calls).hasValue(before);
		assertThat(open.statusCode().value()).isEqualTo(503);
		assertThat(open.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
		assertThat(problem(open).getDetail()).contains("rules-service");
	}

	private final Resilience4JCircuitBreakerFactory factory = new Resilience4JCircuitBreakerFactory(
			CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(), null,
			new Resilience4JConfigurationProperties());

	private ResilienceFilter filter(Duration timeout) {
		Resilience4JCircuitBreakerFactory factory = this.factory;
		factory
			.configure((builder) -> builder
				.circuitBreakerConfig(CircuitBreakerConfig.custom()
					.slidingWindowSize(4)
					.minimumNumberOfCalls(4)
					.waitDurationInOpenState(Duration.ofSeconds(60))
					.build())
				.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build()), ROUTE.id());
		return new ResilienceFilter(ROUTE, factory.create(ROUTE.id()), Duration.ofSeconds(60), this.problems,
				ObservationRegistry.NOOP);
	}

	private static ServerRequest request() {
		return ServerRequest.create(new MockHttpServletRequest("GET", "/api/v1/rules"), List.of());
	}

	private static ProblemDetail problem(ServerResponse response) {
		return (ProblemDetail) ((EntityResponse<?>) response).entity();
	}

}
