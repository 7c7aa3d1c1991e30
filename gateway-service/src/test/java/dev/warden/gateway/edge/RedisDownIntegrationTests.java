package dev.warden.gateway.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis gone, rate-limited requests fail closed (503 problem) unless their class is
 * configured to fail open.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA },
		properties = { "warden.redis.address=redis://127.0.0.1:1", "warden.gateway.rate-limits.fail-open=ai" })
@Import(EchoRoutes.class)
class RedisDownIntegrationTests {

	static final HttpEchoUpstream echo = new HttpEchoUpstream();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void edge(DynamicPropertyRegistry registry) {
		registry.add("test.echo-upstream", echo::base);
	}

	@Test
	void refusesRateLimitedRequestsWhenRedisIsDown() throws Exception {
		int before = echo.requests();
		HttpResponse<String> response = get("/api/v1/echo/x");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(echo.requests()).isEqualTo(before);
	}

	@Test
	void letsAFailOpenClassThroughWhenRedisIsDown() throws Exception {
		HttpResponse<String> response = get("/api/v1/ai/x");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("RateLimit-Limit")).isEmpty();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.member("someone").build())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
