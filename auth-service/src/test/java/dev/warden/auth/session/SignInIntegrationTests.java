package dev.warden.auth.session;

import java.util.Map;

import dev.warden.auth.AuthFixtures;
import dev.warden.auth.AuthHttp;
import dev.warden.auth.TestUsers;
import dev.warden.auth.config.AuthProperties;
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

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class SignInIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	AuthProperties properties;

	@Autowired
	JdbcClient jdbc;

	private AuthHttp auth() {
		return new AuthHttp(this.http);
	}

	@Test
	void registersSignsInWithTheOAuth2FormAndKnowsWhoIsCalling() {
		String name = AuthFixtures.uniqueName("ada");
		auth().register(name, name + "@example.com", PASSWORD);

		JsonNode tokens = auth().passwordGrant(name, PASSWORD);

		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("expires_in").asLong()).isBetween(890L, 900L);
		assertThat(tokens.get("refresh_token").asString()).startsWith("wrt_");
		assertThat(tokens.get("scope").asString()).isEqualTo("commands llm terminal");
		this.http.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, AuthHttp.bearer(tokens))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo(name)
			.jsonPath("$.user.role")
			.isEqualTo("MEMBER")
			.jsonPath("$.user.tier")
			.isEqualTo("FREE")
			.jsonPath("$.user.lastLoginAt")
			.exists()
			.jsonPath("$.user.passwordHash")
			.doesNotExist();
	}

	@Test
	void signsInWithJsonAndWithSeed003sFormByUsernameOrEmail() {
		String name = AuthFixtures.uniqueName("grace");
		auth().register(name, name + "@example.com", PASSWORD);

		this.http.post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", name.toUpperCase(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody()
			.jsonPath("$.access_token")
			.exists();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", name + "@example.com");
		form.add("password", PASSWORD);
		this.http.post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void answersAnUnknownUserExactlyLikeAWrongPassword() {
		String name = AuthFixtures.uniqueName("alan");
		auth().register(name, name + "@example.com", PASSWORD);

		JsonNode wrongPassword = failedLogin(name, "not the right password at all");
		JsonNode unknownUser = failedLogin("nobody-" + name, "not the right password at all");

		for (String field : new String[] { "type", "title", "status", "detail", "error", "error_description" }) {
			assertThat(unknownUser.get(field)).as(field).isEqualTo(wrongPassword.get(field));
		}
	}

	@Test
	void revealsNothingWhenSigningUpWithATakenNameOrEmail() {
		String name = AuthFixtures.uniqueName("taken");
		String first = register(name, name + "@example.com");
		String sameName = register(name, "other-" + name + "@example.com");
		String sameEmail = register("other-" + name, name + "@example.com");

		assertThat(sameName).isEqualTo(first);
		assertThat(sameEmail).isEqualTo(first);
		assertThat(this.jdbc.sql("select count(*) from auth.users where lower(email) = lower(?)")
			.param(name + "@example.com")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusesToLetASignUpChooseItsRoleTierOrStatus() {
		String name = AuthFixtures.uniqueName("mallory");
		this.http.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", name, "email", name + "@example.com", "password", PASSWORD, "role", "ADMIN",
					"tier", "ENTERPRISE", "status", "ACTIVE"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/validation")
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains("role", "tier", "status"));
		assertThat(this.jdbc.sql("select count(*) from auth.users where username = ?")
			.param(name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void appliesThePasswordPolicyAtSignUp() {
		String name = AuthFixtures.uniqueName("short");
		for (String password : new String[] { "too short", "1qaz2wsx3edc4rfv" }) {
			this.http.post()
				.uri("/api/v1/auth/register")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("username", name, "email", name + "@example.com", "password", password))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("password");
		}
	}

	@Test
	void locksAnAccountAfterRepeatedFailuresEvenForTheRightPassword() {
		String name = AuthFixtures.uniqueName("locked");
		auth().register(name, name + "@example.com", PASSWORD);
		for (int i = 0; i < this.properties.login().maxFailuresPerAccount(); i++) {
			failedLogin(name, "wrong password number " + i);
		}

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
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/too-many-requests");
	}

	@Test
	void storesHashesThatSeed002sPgcryptoSignInQueryVerifies() {
		String name = AuthFixtures.uniqueName("pgcrypto");
		auth().register(name, name + "@example.com", PASSWORD);

		String query = "select id from auth.users where lower(username) = lower(?) "
				+ "and password_hash = public.crypt(?, password_hash)";
		assertThat(this.jdbc.sql(query).params(name, PASSWORD).query().listOfRows()).hasSize(1);
		assertThat(this.jdbc.sql(query).params(name, PASSWORD + "!").query().listOfRows()).isEmpty();
	}

	@Test
	void refusesUnknownGrantsAndMissingFieldsTheOAuth2Way() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unsupported_grant_type");
		form.set("grant_type", "password");
		this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@Test
	void issuesServiceTokensForTheClientCredentialsGrantOnly() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString("command-service:command-service-test-secret".getBytes());
		JsonNode token = this.http.post()
			.uri("/api/v1/auth/token")
			.header(HttpHeaders.AUTHORIZATION, basic)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(token.get("scope").asString()).isEqualTo("internal");
		assertThat(token.has("refresh_token")).isFalse();
		this.http.post()
			.uri("/internal/v1/api-keys/verify")
			.header(HttpHeaders.AUTHORIZATION, AuthHttp.bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("key", "wdn_not-a-key"))
			.exchange()
			.expectStatus()
			.isNotFound();

		String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("command-service:guess".getBytes());
		this.http.post()
			.uri("/api/v1/auth/token")
			.header(HttpHeaders.AUTHORIZATION, wrong)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_client");
	}

	@Test
	void publishesTheKeysAndADiscoveryDocument() {
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("max-age"))
			.expectBody()
			.jsonPath("$.keys[0].kty")
			.isEqualTo("RSA")
			.jsonPath("$.keys[0].alg")
			.isEqualTo("RS256")
			.jsonPath("$.keys[0].kid")
			.exists()
			.jsonPath("$.keys[0].d")
			.doesNotExist()
			.jsonPath("$.keys[0].p")
			.doesNotExist();
		this.http.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo("urn:warden:auth")
			.jsonPath("$.token_endpoint")
			.value((value) -> assertThat((String) value).endsWith("/api/v1/auth/token"))
			.jsonPath("$.grant_types_supported.length()")
			.isEqualTo(3);
	}

	private String register(String username, String email) {
		return this.http.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "email", email, "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isAccepted()
			.returnResult(String.class)
			.getResponseBody();
	}

	private JsonNode failedLogin(String username, String password) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		form.add("username", username);
		form.add("password", password);
		return this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

}
