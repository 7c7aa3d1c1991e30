package dev.warden.gateway;

import org.junit.jupiter.api.Test;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * gateway-service starts against real infrastructure and keeps the platform's contract.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class GatewayServiceIntegrationTests implements ServiceContract {

	/**
	 * Unlike a service, the edge does not even admit that {@code /internal/**} exists:
	 * 404 for every caller, service tokens included, where a service answers 403 to
	 * users.
	 */
	@Test
	@Override
	public void refusesUserTokensOnInternalEndpoints(@Autowired RestTestClient http) {
		for (String token : new String[] { memberToken(), adminToken(), serviceToken() }) {
			http.get()
				.uri("/internal/v1/anything")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "not-found");
		}
	}

}
