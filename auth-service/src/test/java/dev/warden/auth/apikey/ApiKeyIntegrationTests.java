package dev.warden.auth.apikey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthFixtures;
import dev.warden.auth.AuthHttp;
import dev.warden.auth.TestUsers;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.UserRepository;
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
import org.springframework.transaction.support.TransactionTemplate;

import static dev.warden.auth.AuthFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class ApiKeyIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiKeys keys;

	@Autowired
	UserRepository users;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestUsers testUsers;

	@Test
	void showsTheKeyOnceListsItWithoutItAndRevokesIt() {
		String user = member();
		JsonNode created = createKey(user, Map.of("name", "ci", "scopes", List.of("commands")), 201);
		String secret = created.get("secret").asString();
		String keyId = created.get("key").get("id").asString();
		assertThat(secret).startsWith("wdn_").hasSize(ApiKeyFormat.LENGTH);

		String listed = this.http.get()
			.uri("/api/v1/api-keys")
			.header(HttpHeaders.AUTHORIZATION, user)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(listed).contains(keyId).contains("wdn_" + secret.substring(4, 16) + "_…").doesNotContain(secret);

		JsonNode exchanged = exchange(secret, 200);
		assertThat(exchanged.get("key").get("scopes").get(0).asString()).isEqualTo("commands");
		this.http.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, AuthHttp.bearer(exchanged.get("accessToken").asString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.clientId")
			.isEqualTo("api-key:" + keyId)
			.jsonPath("$.scopes.length()")
			.isEqualTo(1);

		this.http.delete()
			.uri("/api/v1/api-keys/" + keyId)
			.header(HttpHeaders.AUTHORIZATION, user)
			.exchange()
			.expectStatus()
			.isNoContent();
		exchange(secret, 404);
		assertThat(this.jdbc
			.sql("select count(*) from platform.outbox_event where event_type = ? and payload->'data'->>'keyId' = ?")
			.params("identity.api-key-revoked", keyId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void letsNobodyElseSeeOrRevokeAKey() {
		String owner = member();
		String stranger = member();
		String keyId = createKey(owner, Map.of("name", "mine"), 201).get("key").get("id").asString();

		this.http.delete()
			.uri("/api/v1/api-keys/" + keyId)
			.header(HttpHeaders.AUTHORIZATION, stranger)
			.exchange()
			.expectStatus()
			.isNotFound();
		String ownerId = this.jdbc.sql("select user_id::text from auth.api_keys where id = ?::uuid")
			.param(keyId)
			.query(String.class)
			.single();
		this.http.get()
			.uri("/api/v1/api-keys?userId=" + ownerId)
			.header(HttpHeaders.AUTHORIZATION, stranger)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void refusesAdminScopeToMembersAndUnknownScopes() {
		String user = member();
		createKey(user, Map.of("name", "x", "scopes", List.of("admin")), 403);
		createKey(user, Map.of("name", "x", "scopes", List.of("root")), 400);
		createKey(user, Map.of("name", "x", "expiresAt", Instant.now().minusSeconds(5).toString()), 400);
	}

	@Test
	void aKeyWithoutScopesNeverGetsMoreThanTheTokenThatCreatesIt() {
		// A key named without scopes gets the user scopes; a commands-only key's token
		// must not mint one with llm and terminal that way.
		String user = member();
		String secret = createKey(user, Map.of("name", "narrow", "scopes", List.of("commands")), 201).get("secret")
			.asString();
		String narrow = AuthHttp.bearer(exchange(secret, 200).get("accessToken").asString());

		createKey(narrow, Map.of("name", "wider"), 403);
		createKey(narrow, Map.of("name", "wider", "scopes", List.of()), 403);
		JsonNode same = createKey(narrow, Map.of("name", "same", "scopes", List.of("commands")), 201);
		assertThat(same.get("key").get("scopes").size()).isEqualTo(1);
		JsonNode defaults = createKey(user, Map.of("name", "defaults"), 201);
		assertThat(defaults.get("key").get("scopes").toString()).contains("commands", "llm", "terminal")
			.doesNotContain("admin");
	}

	@Test
	void refusesAMissingScopeInTheListAsInvalid() {
		String user = member();
		List<String> scopes = new ArrayList<>();
		scopes.add(null);
		JsonNode problem = createKey(user, Map.of("name", "x", "scopes", scopes), 400);
		assertThat(problem.get("type").asString()).endsWith("/validation");
	}

	@Test
	void anAdministratorsTokenWithoutTheAdminScopeSeesAndRevokesOnlyItsOwnKeys() {
		String owner = member();
		String keyId = createKey(owner, Map.of("name", "mine"), 201).get("key").get("id").asString();
		String ownerId = this.jdbc.sql("select user_id::text from auth.api_keys where id = ?::uuid")
			.param(keyId)
			.query(String.class)
			.single();
		String admin = this.testUsers.create(AuthFixtures.uniqueName("admin"), Role.ADMIN).getUsername();
		String narrow = AuthHttp.bearer(new AuthHttp(this.http)
			.token(Map.of("grant_type", "password", "username", admin, "password", PASSWORD, "scope", "commands")));

		this.http.get()
			.uri("/api/v1/api-keys?userId=" + ownerId)
			.header(HttpHeaders.AUTHORIZATION, narrow)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.delete()
			.uri("/api/v1/api-keys/" + keyId)
			.header(HttpHeaders.AUTHORIZATION, narrow)
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(this.jdbc.sql("select revoked_at is null from auth.api_keys where id = ?::uuid")
			.param(keyId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void stopsAcceptingAKeyOnceItExpiresOrItsOwnerIsBlocked() throws Exception {
		String user = member();
		JsonNode shortLived = createKey(user,
				Map.of("name", "short", "expiresAt", Instant.now().plusSeconds(2).toString()), 201);
		exchange(shortLived.get("secret").asString(), 200);
		Thread.sleep(2500);
		exchange(shortLived.get("secret").asString(), 404);

		String secret = createKey(user, Map.of("name", "long"), 201).get("secret").asString();
		String ownerId = this.jdbc
			.sql("select user_id::text from auth.api_keys where name = 'long' order by created_at desc limit 1")
			.query(String.class)
			.single();
		this.transactions.executeWithoutResult(
				(status) -> this.users.findById(java.util.UUID.fromString(ownerId)).orElseThrow().block("test"));
		exchange(secret, 404);
	}

	@Test
	void acceptsUnformattedDemoKeysOnlyWhereConfigured() {
		String name = AuthFixtures.uniqueName("demo");
		this.transactions.executeWithoutResult((status) -> {
			var user = this.users.saveAndFlush(dev.warden.auth.user.User.create(name, name + "@example.com", null, null,
					Role.MEMBER, dev.warden.auth.user.Tier.FREE));
			this.keys.createWithSecret(user, "demo", List.of("commands"), name + "-secret-key");
		});

		JsonNode identity = exchange(name + "-secret-key", 200).get("key");

		assertThat(identity.get("username").asString()).isEqualTo(name);
		assertThat(this.jdbc.sql("select lookup from auth.api_keys where name = 'demo' and lookup like 'unformatted:%'")
			.query(String.class)
			.list()).isNotEmpty();
	}

	private String member() {
		return AuthHttp.bearer(new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("keys"), PASSWORD));
	}

	private JsonNode createKey(String bearer, Map<String, Object> body, int status) {
		return this.http.post()
			.uri("/api/v1/api-keys")
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

	private JsonNode exchange(String key, int status) {
		return this.http.post()
			.uri("/internal/v1/api-keys/exchange")
			.header(HttpHeaders.AUTHORIZATION, serviceToken())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("key", key))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

	private String serviceToken() {
		return AuthHttp.bearer(new AuthHttp(this.http).serviceToken("gateway-service"));
	}

}
