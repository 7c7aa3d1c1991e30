package dev.warden.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a full journey (sign up, sign in, refresh, create and use an API key, fail a
 * sign-in, sign out), no password, API key or refresh token appears anywhere in the
 * database (users, tokens, keys, the outbox's events) or in the logs.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsLeakIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void noSecretReachesTheDatabaseOrTheLogs(CapturedOutput output) {
		AuthHttp auth = new AuthHttp(this.http);
		String password = "leak canary password " + System.nanoTime();
		String wrongPassword = "wrong canary password " + System.nanoTime();
		String name = AuthFixtures.uniqueName("canary");
		List<String> secrets = new ArrayList<>(List.of(password, wrongPassword));

		JsonNode session = auth.registerAndSignIn(name, password);
		secrets.add(session.get("refresh_token").asString());
		JsonNode refreshed = auth
			.token(Map.of("grant_type", "refresh_token", "refresh_token", session.get("refresh_token").asString()));
		secrets.add(refreshed.get("refresh_token").asString());
		String key = this.http.post()
			.uri("/api/v1/api-keys")
			.header(HttpHeaders.AUTHORIZATION, AuthHttp.bearer(refreshed))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "canary"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.get("secret")
			.asString();
		secrets.add(key);
		secrets.add("gateway-service-test-secret");
		String service = AuthHttp.bearer(auth.serviceToken("gateway-service"));
		this.http.post()
			.uri("/internal/v1/api-keys/exchange")
			.header(HttpHeaders.AUTHORIZATION, service)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("key", key))
			.exchange()
			.expectStatus()
			.isOk();
		this.http.post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", name, "password", wrongPassword))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.http.post()
			.uri("/api/v1/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refreshed.get("refresh_token").asString()))
			.exchange()
			.expectStatus()
			.isNoContent();

		String database = String.join("\n", dump("auth.users"), dump("auth.refresh_tokens"), dump("auth.api_keys"),
				dump("auth.signing_keys"), dump("platform.outbox_event"));
		assertThat(database).contains(name);
		for (String secret : secrets) {
			assertThat(database).as("database").doesNotContain(secret);
			assertThat(output.getAll()).as("logs").doesNotContain(secret);
		}
	}

	private String dump(String table) {
		return String.join("\n", this.jdbc.sql("select t::text from " + table + " t").query(String.class).list());
	}

}
