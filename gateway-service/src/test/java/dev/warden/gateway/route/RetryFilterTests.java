package dev.warden.gateway.route;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryFilterTests {

	private final RetryFilter retry = new RetryFilter(2, Duration.ofMillis(1),
			Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS));

	@Test
	void retriesAnIdempotentCallWhoseConnectionFailed() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		HandlerFunction<ServerResponse> next = (request) -> {
			if (calls.incrementAndGet() < 3) {
				throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
			}
			return ServerResponse.ok().build();
		};
		assertThat(this.retry.filter(request("GET"), next).statusCode()).isEqualTo(HttpStatus.OK);
		assertThat(calls).hasValue(3);
	}

	@Test
	void givesUpAfterTheConfiguredRetries() {
		AtomicInteger calls = new AtomicInteger();
		HandlerFunction<ServerResponse> next = (request) -> {
			calls.incrementAndGet();
			throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
		};
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> this.retry.filter(request("GET"), next));
		assertThat(calls).hasValue(3);
	}

	@Test
	void neverRetriesAPostNorAFailureAfterTheConnection() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		HandlerFunction<ServerResponse> refused = (request) -> {
			calls.incrementAndGet();
			throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
		};
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> this.retry.filter(request("POST"), refused));
		assertThat(calls).hasValue(1);

		calls.set(0);
		HandlerFunction<ServerResponse> reset = (request) -> {
			calls.incrementAndGet();
			// The service may have started work: not a connection failure.
			throw new ResourceAccessException("I/O error", new java.io.IOException("Connection reset"));
		};
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> this.retry.filter(request("GET"), reset));
		assertThat(calls).hasValue(1);
	}

	@Test
	void retriesA503ButNotOtherErrors() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		HandlerFunction<ServerResponse> unavailable = (request) -> {
			calls.incrementAndGet();
			return ServerResponse.status(503).build();
		};
		assertThat(this.retry.filter(request("GET"), unavailable).statusCode().value()).isEqualTo(503);
		assertThat(calls).hasValue(3);

		calls.set(0);
		HandlerFunction<ServerResponse> broken = (request) -> {
			calls.incrementAndGet();
			return ServerResponse.status(500).build();
		};
		assertThat(this.retry.filter(request("GET"), broken).statusCode().value()).isEqualTo(500);
		assertThat(calls).hasValue(1);
	}

	static ServerRequest request(String method) {
		return ServerRequest.create(new MockHttpServletRequest(method, "/api/v1/rules"), List.of());
	}

}
