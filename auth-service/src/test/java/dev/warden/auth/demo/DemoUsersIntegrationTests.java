package dev.warden.auth.demo;

import java.util.Map;

import dev.warden.auth.AuthHttp;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local profile creates seed 000's users with their demo keys and the passwords it is
 * given.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.auth.demo.admin-password=demo admin password for tests",
				"warden.auth.demo.member-password=demo member password for tests" })
@ActiveProfiles({ "test", "local" })
class DemoUsersIntegrationTests {

	@Autowired
	RestTestClient http;

	@Test
	void createsSuperuserAndJohndoeWithSeed000sKeys() {
		JsonNode admin = exchange("admin-secret-key");
		JsonNode member = exchange("member-secret-key");

		assertThat(admin.get("key").get("username").asString()).isEqualTo("superuser");
		assertThat(admin.get("key").get("role").asString()).isEqualTo("ADMIN");
		assertThat(member.get("key").get("username").asString()).isEqualTo("johndoe");
		assertThat(member.get("key").get("role").asString()).isEqualTo("MEMBER");
		new AuthHttp(this.http).passwordGrant("superuser", "demo admin password for tests");
	}

	private JsonNode exchange(String key) {
		String service = AuthHttp.bearer(new AuthHttp(this.http).serviceToken("gateway-service"));
		return this.http.post()
			.uri("/internal/v1/api-keys/exchange")
			.header(HttpHeaders.AUTHORIZATION, service)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("key", key))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

}
