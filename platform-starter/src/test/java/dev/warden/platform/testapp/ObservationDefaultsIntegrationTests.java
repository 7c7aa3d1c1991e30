package dev.warden.platform.testapp;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform keeps one observation per request (the HTTP server's) and turns Spring
 * Security's own off: they cost a tenth of a service's CPU per request.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class ObservationDefaultsIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	ObservationRegistry observations;

	@Autowired
	MeterRegistry meters;

	@Test
	void springSecurityObservationsAreOffAndTheServerObservationIsOn() {
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("user-1").build())
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(Observation.start("spring.security.filterchains", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("spring.security.authorizations", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("http.server.requests", this.observations).isNoop()).isFalse();
		assertThat(this.meters.find("spring.security.filterchains").meters()).isEmpty();
		assertThat(this.meters.find("http.server.requests").tag("uri", "/api/whoami").timer()).isNotNull();
	}

}
