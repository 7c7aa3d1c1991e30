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
import io.micrometer.tracing.Tracer;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
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
	void theCallRunsOnTheRequestsThreadAndATimeoutLeavesItUninterrupted() {
		Thread caller = Thread.currentThread();
		ServerResponse response = filter(Duration.ofMillis(100)).filter(request(), (request) -> {
			assertThat(Thread.currentThread()).isSameAs(caller);
			Thread.sleep(5_000);
			return ServerResponse.ok().build();
		});
		assertThat(response.statusCode().value()).isEqualTo(504);
		// The 504 still has to be written to the client on this thread.
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		CircuitBreaker breaker = this.breakers.circuitBreaker(ROUTE.id());
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void aCallInTimeIsNotInterruptedLater() throws Exception {
		ServerResponse response = filter(Duration.ofMillis(100)).filter(request(),
				(request) -> ServerResponse.ok().build());
		assertThat(response.statusCode().value()).isEqualTo(200);
		// Its deadline is gone: no interrupt arrives after the call returned.
		Thread.sleep(300);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThat(this.breakers.circuitBreaker(ROUTE.id()).getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
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
		// So is a form body Tomcat cannot parse: answered 400, not counted.
		for (int i = 0; i < 5; i++) {
			ServerResponse response = filter.filter(request(), (request) -> {
				calls.incrementAndGet();
				throw new IllegalStateException("reading the form", new InvalidParameterException("decoding failed"));
			});
			assertThat(response.statusCode().value()).isEqualTo(400);
			assertThat(problem(response).getType().toString()).endsWith("/malformed-request");
		}
		assertThat(calls).hasValue(10);
		CircuitBreaker breaker = this.breakers.circuitBreaker(ROUTE.id());
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
			assertThat(calls.get()).isLessThan(15);
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

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	private final CallTimer timer = new CallTimer();

	@AfterEach
	void stopTimer() {
		this.timer.close();
	}

	private ResilienceFilter filter(Duration timeout) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(ROUTE.id(),
				CircuitBreakerConfig.custom()
					.slidingWindowSize(4)
					.minimumNumberOfCalls(4)
					.waitDurationInOpenState(Duration.ofSeconds(60))
					.build());
		return new ResilienceFilter(ROUTE, breaker, timeout, this.timer, Duration.ofSeconds(60), this.problems);
	}

	private static ServerRequest request() {
		return ServerRequest.create(new MockHttpServletRequest("GET", "/api/v1/rules"), List.of());
	}

	private static ProblemDetail problem(ServerResponse response) {
		return (ProblemDetail) ((EntityResponse<?>) response).entity();
	}

}
