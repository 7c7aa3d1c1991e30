package dev.warden.platform.servicetoken;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.warden.platform.problem.ProblemException;
import feign.RequestTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service-token client against a token endpoint that answers like auth-service's
 * client-credentials grant.
 */
class ServiceTokenProviderTests {

	private final AtomicInteger issued = new AtomicInteger();

	private final List<String> authorizations = new ArrayList<>();

	private HttpServer server;

	private volatile int expiresIn = 900;

	private volatile int status = 200;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void fetchesOnceAndReusesTheTokenUntilShortlyBeforeItExpires() throws IOException {
		ServiceTokenProvider tokens = provider(Duration.ofSeconds(60));

		String first = tokens.token();
		String second = tokens.token();

		assertThat(first).isEqualTo("token-1").isEqualTo(second);
		assertThat(this.issued).hasValue(1);
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString("command-service:s3cret".getBytes(StandardCharsets.UTF_8));
		assertThat(this.authorizations).containsExactly(expected);
	}

	@Test
	void fetchesAgainWhenTheTokenIsWithinTheRefreshMargin() throws IOException {
		this.expiresIn = 30;
		ServiceTokenProvider tokens = provider(Duration.ofSeconds(60));

		assertThat(tokens.token()).isEqualTo("token-1");
		assertThat(tokens.token()).isEqualTo("token-2");
	}

	@Test
	void reportsAnUnavailableTokenEndpointAsServiceUnavailable() throws IOException {
		this.status = 500;
		ServiceTokenProvider tokens = provider(Duration.ofSeconds(60));

		assertThatExceptionOfType(ProblemException.class).isThrownBy(tokens::token)
			.satisfies((ex) -> assertThat(ex.type().status().value()).isEqualTo(503));
	}

	@Test
	void addsTheTokenToInternalCallsOnly() throws IOException {
		ServiceTokenRequestInterceptor interceptor = new ServiceTokenRequestInterceptor(
				provider(Duration.ofSeconds(60)));
		RequestTemplate internal = new RequestTemplate().uri("/internal/v1/evaluate");
		RequestTemplate external = new RequestTemplate().uri("/api/v1/rules");

		interceptor.apply(internal);
		interceptor.apply(external);

		assertThat(internal.headers().get("Authorization")).containsExactly("Bearer token-1");
		assertThat(external.headers()).doesNotContainKey("Authorization");
	}

	private ServiceTokenProvider provider(Duration refreshBefore) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/api/v1/auth/token", (exchange) -> {
			this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			byte[] body;
			int code = this.status;
			if (code == 200 && form.contains("grant_type=client_credentials")) {
				body = ("{\"access_token\":\"token-" + this.issued.incrementAndGet()
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.expiresIn + "}")
					.getBytes(StandardCharsets.UTF_8);
			}
			else {
				code = (code == 200) ? 400 : code;
				body = "{\"error\":\"server_error\"}".getBytes(StandardCharsets.UTF_8);
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(code, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		URI tokenUri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v1/auth/token");
		return new ServiceTokenAutoConfiguration()
			.serviceTokenProvider(new ServiceTokenProperties(tokenUri, "command-service", "s3cret", refreshBefore));
	}

}
