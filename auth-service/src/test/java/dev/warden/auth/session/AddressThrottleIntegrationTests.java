package dev.warden.auth.session;

import dev.warden.auth.AuthFixtures;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One client address may try to sign in only so often, whichever accounts it tries. The
 * address comes from X-Forwarded-For, which the servlet container trusts from loopback,
 * as it trusts the gateway.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = "warden.auth.login.max-attempts-per-address=3")
class AddressThrottleIntegrationTests {

	@Autowired
	RestTestClient http;

	@Test
	void limitsSignInAttemptsPerClientAddressAcrossAccounts() {
		String address = "203.0.113." + (1 + (System.nanoTime() % 250));
		for (int i = 0; i < 3; i++) {
			attempt(address, AuthFixtures.uniqueName("spray")).expectStatus().isBadRequest();
		}
		attempt(address, AuthFixtures.uniqueName("spray")).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		// Another address is not affected.
		attempt("198.51.100." + (1 + (System.nanoTime() % 250)), AuthFixtures.uniqueName("other")).expectStatus()
			.isBadRequest();
	}

	private RestTestClient.ResponseSpec attempt(String address, String username) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		form.add("username", username);
		form.add("password", "some guessed password here");
		return this.http.post()
			.uri("/api/v1/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange();
	}

}
