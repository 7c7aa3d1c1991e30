package dev.warden.command.agent;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.warden.testsupport.RawHttp;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at command-service's edges gets a problem: a refused WebSocket handshake, a
 * body with a repeated key or a number that does not fit, a user id that is not a UUID.
 */
class InputProblemsIntegrationTests extends AgentIntegrationTestSupport {

	private static final String PROBLEMS = "https://warden.dev/problems/";

	private static final String ADMIN = TestTokens.admin("admin-1").build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

	@Test
	void aHandshakeFromAForeignOriginIsAForbiddenProblem() throws IOException {
		Handshake refused = handshake(UPGRADE + "Sec-WebSocket-Version: 13\r\nOrigin: https://evil.example\r\n");

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("content-type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(refused.problem().path("type").asString()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(refused.problem().path("detail").asString()).contains("Origin");
	}

	@Test
	void aHandshakeWithBadCredentialsIsAnUnauthorizedProblemWithAChallenge() throws IOException {
		Handshake refused = handshake(UPGRADE + "Sec-WebSocket-Version: 13\r\nX-API-Key: wk_not_a_key\r\n");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("www-authenticate")).startsWith("Bearer");
		assertThat(refused.problem().path("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(refused.problem().path("status").asInt()).isEqualTo(401);
	}

	@Test
	void aMalformedUpgradeIsAMalformedRequestProblem() throws IOException {
		Handshake noUpgrade = handshake("Sec-WebSocket-Version: 13\r\n");
		assertThat(noUpgrade.status()).isEqualTo(400);
		assertThat(noUpgrade.problem().path("type").asString()).isEqualTo(PROBLEMS + "malformed-request");
		assertThat(noUpgrade.body()).doesNotContain("Can \"Upgrade\"");

		Handshake oldVersion = handshake(UPGRADE + "Sec-WebSocket-Version: 8\r\n");
		assertThat(oldVersion.status()).isEqualTo(400);
		assertThat(oldVersion.header("sec-websocket-version")).isEqualTo("13");
		assertThat(oldVersion.problem().path("type").asString()).isEqualTo(PROBLEMS + "malformed-request");
	}

	@Test
	void aDispatchBodyWithARepeatedKeyIsRefused() {
		String user = newUserId();
		postJson("/api/v1/dispatch/" + user, "{\"method\":\"GET\",\"url\":\"info\",\"url\":\"rm -rf /\"}",
				TestTokens.member(user).build())
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "malformed-request")
			.jsonPath("$.errors[0].field")
			.isEqualTo("url")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("repeated"));
	}

	@Test
	void aDispatchTimeoutMustBeAnIntegerInRange() {
		String user = newUserId();
		String token = TestTokens.member(user).build();
		postJson("/api/v1/dispatch/" + user, "{\"method\":\"GET\",\"url\":\"info\",\"timeoutSeconds\":1.5}", token)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("timeoutSeconds")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("integer"));
		postJson("/api/v1/dispatch/" + user, "{\"method\":\"GET\",\"url\":\"info\",\"timeoutSeconds\":2147483648}",
				token)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).doesNotContain("JSON").contains("timeoutSeconds"))
			.jsonPath("$.errors[0].field")
			.isEqualTo("timeoutSeconds")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("from -2147483648 to 2147483647"));
	}

	@Test
	void aGrantAmountAndALedgerLimitMustBeIntegers() {
		String user = newUserId();
		postJson("/api/v1/credits/" + user + "/grants", "{\"amount\":10.5,\"note\":\"half\"}", ADMIN).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("amount");
		postJson("/api/v1/credits/" + user + "/grants", "{\"amount\":9223372036854775808,\"note\":\"huge\"}", ADMIN)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("amount")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("9223372036854775807"));
		this.http.get()
			.uri("/api/v1/credits/" + user + "/ledger?limit=1.5")
			.header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit");
	}

	@Test
	void aUserIdInThePathMustBeAUuid() {
		for (String path : new String[] { "/api/v1/credits/not-a-user", "/api/v1/credits/not-a-user/ledger" }) {
			refusedAsNotAUserId(get(path, ADMIN));
		}
		refusedAsNotAUserId(postJson("/api/v1/credits/not-a-user/grants", "{\"amount\":10,\"note\":\"gift\"}", ADMIN));
		refusedAsNotAUserId(postJson("/api/v1/dispatch/not-a-user", "{\"method\":\"GET\",\"url\":\"info\"}", ADMIN));
	}

	@Test
	void aUserIdInTheQueryMustBeAUuid() {
		for (String path : new String[] { "/api/v1/agents?userId=not-a-user", "/api/v1/commands?userId=not-a-user" }) {
			refusedAsNotAUserId(get(path, ADMIN));
		}
	}

	private static void refusedAsNotAUserId(RestTestClient.ResponseSpec response) {
		response.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "validation")
			.jsonPath("$.errors[0].field")
			.isEqualTo("userId")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("UUID"));
	}

	@Test
	void aMemberMayNameThemselvesInTheQueryInUpperCase() {
		String user = UUID.randomUUID().toString();
		String member = TestTokens.member(user).build();
		for (String path : new String[] { "/api/v1/agents?userId=", "/api/v1/commands?userId=" }) {
			get(path + user.toUpperCase(Locale.ROOT), member).expectStatus().isOk().expectBody().json("[]");
			get(path + UUID.randomUUID(), member).expectStatus().isForbidden();
		}
	}

	@Test
	void aUserIdInUpperCaseNamesTheSameUser() {
		String user = UUID.randomUUID().toString();
		postJson("/api/v1/credits/" + user.toUpperCase(Locale.ROOT) + "/grants", "{\"amount\":10,\"note\":\"gift\"}",
				ADMIN)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(user);
		this.http.get()
			.uri("/api/v1/credits/" + user)
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.member(user).build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.balance")
			.isEqualTo(10);
	}

	private RestTestClient.ResponseSpec get(String path, String token) {
		return this.http.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
	}

	private RestTestClient.ResponseSpec postJson(String path, String json, String token) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange();
	}

	/** A handshake as curl sends it: no client library sends a malformed one. */
	private Handshake handshake(String headers) throws IOException {
		RawHttp answer = RawHttp.exchange(this.port,
				"GET /ws/agents HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
		return new Handshake(answer.status(), answer.headers(), answer.body());
	}

	record Handshake(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name, "");
		}

		JsonNode problem() {
			assertThat(header("content-type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			return JSON.readTree(this.body);
		}

	}

}
