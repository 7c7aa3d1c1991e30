package dev.warden.auth.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.warden.auth.AuthFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class UserAdministrationIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyAdminEndpointRefusesMembersAndAnonymousCallers() {
		String member = AuthHttp
			.bearer(new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("m"), PASSWORD));
		String id = UUID.randomUUID().toString();
		List<Object[]> endpoints = List.of(new Object[] { HttpMethod.POST, "/api/v1/users", newUser() },
				new Object[] { HttpMethod.GET, "/api/v1/users", null },
				new Object[] { HttpMethod.GET, "/api/v1/users/" + id, null },
				new Object[] { HttpMethod.PATCH, "/api/v1/users/" + id, Map.of("tier", "PRO") },
				new Object[] { HttpMethod.POST, "/api/v1/users/" + id + "/block", Map.of("reason", "x") },
				new Object[] { HttpMethod.POST, "/api/v1/users/" + id + "/unblock", Map.of() });
		for (Object[] endpoint : endpoints) {
			call((HttpMethod) endpoint[0], (String) endpoint[1], endpoint[2], member).expectStatus().isForbidden();
			call((HttpMethod) endpoint[0], (String) endpoint[1], endpoint[2], null).expectStatus().isUnauthorized();
		}
	}

	@Test
	void anAdministratorsTokenWithoutTheAdminScopeActsAsAMember() {
		// As in command-service and audit-service: an administrator's token or API key
		// limited to other scopes (an agent's, say) must not manage users.
		User admin = this.users.create(AuthFixtures.uniqueName("admin"), Role.ADMIN);
		String narrow = AuthHttp.bearer(new AuthHttp(this.http).token(Map.of("grant_type", "password", "username",
				admin.getUsername(), "password", PASSWORD, "scope", "commands")));
		String id = UUID.randomUUID().toString();
		call(HttpMethod.POST, "/api/v1/users", newUser(), narrow).expectStatus().isForbidden();
		call(HttpMethod.GET, "/api/v1/users", null, narrow).expectStatus().isForbidden();
		call(HttpMethod.GET, "/api/v1/users/" + admin.getId(), null, narrow).expectStatus().isForbidden();
		call(HttpMethod.PATCH, "/api/v1/users/" + id, Map.of("tier", "PRO"), narrow).expectStatus().isForbidden();
		call(HttpMethod.POST, "/api/v1/users/" + id + "/block", Map.of("reason", "x"), narrow).expectStatus()
			.isForbidden();
		call(HttpMethod.POST, "/api/v1/users/" + id + "/unblock", Map.of(), narrow).expectStatus().isForbidden();
		call(HttpMethod.GET, "/api/v1/users", null, admin()).expectStatus().isOk();
	}

	@Test
	void createsAUserWithAOneTimeKeyChangesRoleAndTierAndPublishesEachChange() {
		String admin = admin();
		Map<String, Object> request = newUser();
		JsonNode created = call(HttpMethod.POST, "/api/v1/users", request, admin).expectStatus()
			.isCreated()
			.returnResult(JsonNode.class)
			.getResponseBody();
		String userId = created.get("user").get("id").asString();
		assertThat(created.get("apiKey").asString()).startsWith("wdn_");
		assertThat(created.get("user").get("role").asString()).isEqualTo("MEMBER");

		call(HttpMethod.PATCH, "/api/v1/users/" + userId, Map.of("role", "ADMIN", "tier", "TEAM"), admin).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("ADMIN")
			.jsonPath("$.tier")
			.isEqualTo("TEAM");
		call(HttpMethod.POST, "/api/v1/users/" + userId + "/block", Map.of("reason", "abuse"), admin).expectStatus()
			.isOk();
		call(HttpMethod.POST, "/api/v1/users/" + userId + "/unblock", Map.of(), admin).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ACTIVE");

		List<String> types = this.jdbc.sql(
				"select event_type from platform.outbox_event where topic = 'identity.events' and event_key = ? order by id")
			.param(userId)
			.query(String.class)
			.list();
		assertThat(types).containsExactly("identity.user-registered", "identity.api-key-created",
				"identity.user-role-changed", "identity.user-tier-changed", "identity.user-blocked",
				"identity.user-unblocked");
		assertThat(this.jdbc
			.sql("select count(*) from platform.outbox_event where topic = 'audit.events' "
					+ "and payload->'data'->>'resourceId' = ? and payload->'data'->>'action' like 'auth.user.%'")
			.param(userId)
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void refusesADuplicateUserAndAnAdminBlockingThemselves() {
		String admin = admin();
		Map<String, Object> request = newUser();
		call(HttpMethod.POST, "/api/v1/users", request, admin).expectStatus().isCreated();
		call(HttpMethod.POST, "/api/v1/users", request, admin).expectStatus().isEqualTo(409);
		String me = this.http.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.get("user")
			.get("id")
			.asString();
		call(HttpMethod.POST, "/api/v1/users/" + me + "/block", Map.of("reason", "oops"), admin).expectStatus()
			.isEqualTo(409);
	}

	@Test
	void pagesThroughUsersWithACursor() {
		String admin = admin();
		for (int i = 0; i < 3; i++) {
			call(HttpMethod.POST, "/api/v1/users", newUser(), admin).expectStatus().isCreated();
		}
		JsonNode first = call(HttpMethod.GET, "/api/v1/users?limit=2", null, admin).expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(first.get("items").size()).isEqualTo(2);
		String next = first.get("next").asString();
		JsonNode second = call(HttpMethod.GET, "/api/v1/users?limit=2&after=" + next, null, admin).expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(second.get("items").get(0).get("id").asString()).isGreaterThan(next);
		call(HttpMethod.GET, "/api/v1/users?limit=0", null, admin).expectStatus().isBadRequest();
	}

	private String admin() {
		User admin = this.users.create(AuthFixtures.uniqueName("admin"), Role.ADMIN);
		return AuthHttp.bearer(new AuthHttp(this.http).passwordGrant(admin.getUsername(), PASSWORD));
	}

	private static Map<String, Object> newUser() {
		String name = AuthFixtures.uniqueName("new");
		return Map.of("username", name, "email", name + "@example.com");
	}

	private RestTestClient.ResponseSpec call(HttpMethod method, String path, Object body, String bearer) {
		RestTestClient.RequestBodySpec request = this.http.method(method).uri(path);
		if (bearer != null) {
			request.header(HttpHeaders.AUTHORIZATION, bearer);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange();
	}

}
