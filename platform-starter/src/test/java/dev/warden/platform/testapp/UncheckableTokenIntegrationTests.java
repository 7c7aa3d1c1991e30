package dev.warden.platform.testapp;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * When the key set cannot be fetched, a token cannot be checked: the request is refused
 * with a 503 problem, not a 500, and a request without a token is still a 401.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class UncheckableTokenIntegrationTests {

	@DynamicPropertySource
	static void unreachableKeySet(DynamicPropertyRegistry registry) {
		// Nothing listens on port 9 here: every fetch of the key set is refused. (Over
		// the test support's own key set, which is set for every context.)
		registry.add("warden.security.jwks-uri", () -> "http://127.0.0.1:9/.well-known/jwks.json");
	}

	@Autowired
	RestTestClient http;

	@Test
	void aTokenThatCannotBeCheckedIsRefusedWithServiceUnavailable() {
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("user-1").build())
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/service-unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/whoami");
	}

	@Test
	void aRequestWithoutATokenIsStillUnauthorized() {
		this.http.get().uri("/api/whoami").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aMalformedTokenIsStillUnauthorized() {
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

}
