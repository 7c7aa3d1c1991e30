package dev.warden.auth.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.auth.AuthFixtures;
import dev.warden.auth.AuthHttp;
import dev.warden.auth.TestUsers;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.User;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static dev.warden.auth.AuthFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens per RFC 9700: rotation, reuse detection with a short grace for
 * concurrent refreshes, logout, and blocked users. The grace is one second in tests
 * (application-test.yml) so the test can wait it out.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class RefreshTokenIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestUsers users;

	@Test
	void rotatesTheRefreshTokenOnEveryUseAndStoresOnlyItsHash() {
		JsonNode first = new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("rot"), PASSWORD);
		String original = first.get("refresh_token").asString();

		JsonNode second = refresh(original, 200);

		String rotated = second.get("refresh_token").asString();
		assertThat(rotated).isNotEqualTo(original).startsWith("wrt_");
		assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		// Only 32-byte HMACs are stored, never the tokens.
		assertThat(this.jdbc.sql("select distinct octet_length(token_hash) from auth.refresh_tokens")
			.query(Integer.class)
			.list()).containsExactly(32);
		assertThat(this.jdbc.sql("select expires_at - issued_at from auth.refresh_tokens limit 1")
			.query(String.class)
			.single()).contains("60 days");
	}

	@Test
	void reusingARotatedTokenAfterTheGraceRevokesTheWholeFamily() throws Exception {
		JsonNode first = new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("reuse"), PASSWORD);
		String original = first.get("refresh_token").asString();
		String successor = refresh(original, 200).get("refresh_token").asString();
		Thread.sleep(1500);

		JsonNode refused = refresh(original, 400);

		assertThat(refused.get("error").asString()).isEqualTo("invalid_grant");
		// The thief's copy is burnt, and so is the session it was stolen from.
		refresh(successor, 400);
	}

	@Test
	void twoConcurrentRefreshesWithinTheGraceBothSucceed() throws Exception {
		JsonNode first = new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("race"), PASSWORD);
		String original = first.get("refresh_token").asString();

		List<JsonNode> results;
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			Callable<JsonNode> call = () -> refresh(original, 200);
			List<Future<JsonNode>> futures = pool.invokeAll(List.of(call, call));
			results = List.of(futures.get(0).get(), futures.get(1).get());
		}

		assertThat(results).extracting((result) -> result.get("refresh_token").asString()).doesNotHaveDuplicates();
		refresh(results.get(0).get("refresh_token").asString(), 200);
	}

	@Test
	void logoutRevokesTheFamilyAndRevealsNothingAboutUnknownTokens() {
		JsonNode first = new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("bye"), PASSWORD);
		String original = first.get("refresh_token").asString();
		String successor = refresh(original, 200).get("refresh_token").asString();

		logout(successor);

		refresh(successor, 400);
		logout("wrt_never-issued");
	}

	@Test
	void aBlockedUsersRefreshFailsAndTheyCannotSignIn() {
		User admin = this.users.create(AuthFixtures.uniqueName("admin"), Role.ADMIN);
		String adminToken = AuthHttp.bearer(new AuthHttp(this.http).passwordGrant(admin.getUsername(), PASSWORD));
		String name = AuthFixtures.uniqueName("blocked");
		JsonNode tokens = new AuthHttp(this.http).registerAndSignIn(name, PASSWORD);
		String userId = this.jdbc.sql("select id::text from auth.users where username = ?")
			.param(name)
			.query(String.class)
			.single();

		this.http.post()
			.uri("/api/v1/users/" + userId + "/block")
			.header(HttpHeaders.AUTHORIZATION, adminToken)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("reason", "testing"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("BLOCKED");

		refresh(tokens.get("refresh_token").asString(), 400);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		form.add("username", name);
		form.add("password", PASSWORD);
		this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private JsonNode refresh(String refreshToken, int status) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		return this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

	private void logout(String refreshToken) {
		this.http.post()
			.uri("/api/v1/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refreshToken))
			.exchange()
			.expectStatus()
			.isNoContent();
	}

}
