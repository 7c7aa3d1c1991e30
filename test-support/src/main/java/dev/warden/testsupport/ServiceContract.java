package dev.warden.testsupport;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Warden service shows when it starts against real infrastructure. A service's
 * integration test implements this interface to run these tests against itself.
 */
public interface ServiceContract {

	/** The problem type URI prefix. */
	String PROBLEMS = "https://warden.dev/problems/";

	/**
	 * Returns a member's access token the service accepts. Services that check tokens
	 * against {@link TestTokens}' key use the default; auth-service, which signs its own,
	 * overrides it.
	 * @return the token
	 */
	default String memberToken() {
		return TestTokens.member("member-1").build();
	}

	/**
	 * Returns an administrator's access token the service accepts.
	 * @return the token
	 */
	default String adminToken() {
		return TestTokens.admin("admin-1").build();
	}

	/**
	 * Returns a service token the service accepts.
	 * @return the token
	 */
	default String serviceToken() {
		return TestTokens.service("test-service").build();
	}

	@Test
	default void refusesACallWithoutATokenWithAProblem(@Autowired RestTestClient http) {
		http.get()
			.uri("/api/v1/anything")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "unauthorized");
	}

	@Test
	default void refusesUserTokensOnInternalEndpoints(@Autowired RestTestClient http) {
		for (String token : new String[] { memberToken(), adminToken() }) {
			http.get()
				.uri("/internal/v1/anything")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "forbidden");
		}
		// A service token passes the check and meets an ordinary 404.
		http.get()
			.uri("/internal/v1/anything")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	default void answersAnUnknownRouteWithANotFoundProblem(@Autowired RestTestClient http) {
		http.get()
			.uri("/api/v1/no-such-route")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + memberToken())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "not-found");
	}

	@Test
	default void isLiveAndReadyWithItsDependencies(@Autowired RestTestClient http) {
		http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.db.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka.status")
			.isEqualTo("UP");
	}

	@Test
	default void exposesPrometheusMetricsTaggedWithItsName(@Autowired RestTestClient http,
			@Value("${spring.application.name}") String name) {
		String metrics = http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).contains("application=\"" + name + "\"").contains("warden_outbox_backlog");
	}

	@Test
	default void publishesItsOpenApiDocument(@Autowired RestTestClient http) {
		http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.openapi")
			.exists()
			.jsonPath("$.components.securitySchemes.bearer-jwt")
			.exists();
	}

	@Test
	default void migratedThePlatformSchemaWithFlyway(@Autowired JdbcClient jdbc) {
		assertThat(jdbc.sql("select count(*) from platform.flyway_schema_history where success")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	default void keepsTheArchitectureRules() {
		WardenArchitecture.check(getClass().getPackageName());
	}

}
