package dev.warden.platform.testapp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.warden.platform.problem.ProblemType;
import dev.warden.testsupport.RawHttp;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class ProblemResponsesIntegrationTests {

	private static final String MEMBER = "Bearer " + TestTokens.member("user-1").build();

	@Autowired
	RestTestClient http;

	@LocalServerPort
	int port;

	@Test
	void refusesARequestWithoutATokenWithAProblemAndBearerChallenge() {
		this.http.get()
			.uri("/api/whoami")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("unauthorized"))
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/api/whoami");
	}

	@Test
	void refusesEveryForgedOrMisusedToken() {
		for (Map.Entry<String, String> attack : TestTokens.attacks().entrySet()) {
			this.http.get()
				.uri("/api/whoami")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + attack.getValue())
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(attack.getKey()).isEqualTo(401))
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void acceptsAValidTokenAndKnowsTheCaller() {
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("user-1")
			.jsonPath("$.kind")
			.isEqualTo("USER")
			.jsonPath("$.roles[0]")
			.isEqualTo("MEMBER");
	}

	@Test
	void forbidsAMemberFromAnAdminEndpoint() {
		this.http.get()
			.uri("/api/admin")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("forbidden"));
		this.http.get()
			.uri("/api/admin")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("admin-1").build())
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void internalEndpointsRefuseUserTokensAndAcceptServiceTokens() {
		this.http.get().uri("/internal/v1/ping").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/internal/v1/ping")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("admin-1").build())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("forbidden"));
		this.http.get()
			.uri("/internal/v1/ping")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.service("command-service").build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.pong")
			.isEqualTo("command-service");
	}

	@Test
	void listsEveryInvalidField() {
		postThing("{\"name\":\"\",\"count\":99}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("validation"))
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[?(@.field == 'name')].message")
			.exists()
			.jsonPath("$.errors[?(@.field == 'count')].message")
			.exists();
	}

	@Test
	void answersTextTheDatabaseCannotStoreAsABadRequestNotAConflict() {
		// Valid JSON and valid for the bean, but PostgreSQL stores no NUL in text or
		// jsonb.
		postThing("{\"name\":\"a\\u0000b\",\"count\":1}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("NUL"));
	}

	@Test
	void answersMalformedJsonWithItsPosition() {
		postThing("{\"name\": \"a\",,}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("line 1"));
	}

	@Test
	void namesAFieldOfTheWrongType() {
		postThing("{\"name\":\"a\",\"count\":\"many\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.errors[0].field")
			.isEqualTo("count");
	}

	@Test
	void refusesABodyWithARepeatedKeyAndNamesTheKey() {
		// Last-one-wins would let a proxy or a log that keeps the first read another
		// request than the service.
		postThing("{\"name\":\"harmless\",\"count\":1,\"name\":\"rm -rf /\"}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.detail")
			.isEqualTo("Key 'name' appears more than once in the same JSON object.")
			.jsonPath("$.errors[0].field")
			.isEqualTo("name")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("repeated"));
	}

	@Test
	void refusesAFractionOrAQuotedNumberWhereAnIntegerIsExpectedInsteadOfConvertingIt() {
		for (String count : List.of("1.5", "1.0", "1e0", "\"5\"")) {
			postThing("{\"name\":\"a\",\"count\":" + count + "}").expectStatus()
				.value((status) -> assertThat(status).as(count).isEqualTo(400))
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(type("malformed-request"))
				.jsonPath("$.errors[0].field")
				.isEqualTo("count")
				.jsonPath("$.errors[0].message")
				.value((message) -> assertThat((String) message).contains("integer")
					.contains("from -2147483648 to 2147483647"));
		}
	}

	@Test
	void refusesANumberOrABooleanForAStringInsteadOfConvertingIt() {
		for (String name : List.of("5", "1.5", "true")) {
			postThing("{\"name\":" + name + ",\"count\":1}").expectStatus()
				.value((status) -> assertThat(status).as(name).isEqualTo(400))
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("name")
				.jsonPath("$.errors[0].message")
				.isEqualTo("must be a string");
		}
	}

	@Test
	void namesTheFieldAndItsRangeForAnIntegerOutOfRangeRatherThanCallingItInvalidJson() {
		postThing("{\"name\":\"a\",\"count\":2147483648}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.detail")
			.isEqualTo("Field 'count' is out of range.")
			.jsonPath("$.errors[0].field")
			.isEqualTo("count")
			.jsonPath("$.errors[0].message")
			.isEqualTo("is out of range: must be an integer from -2147483648 to 2147483647");
	}

	@Test
	void answersAParameterOfTheWrongType() {
		this.http.get()
			.uri("/api/things/abc")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("malformed-request"))
			.jsonPath("$.detail")
			.isEqualTo("Parameter 'id' has the wrong type.")
			.jsonPath("$.errors[0].field")
			.isEqualTo("id")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).startsWith("must be an integer"));
	}

	@Test
	void answersAnUnknownRouteAndAMissingObjectWithNotFound() {
		this.http.get()
			.uri("/api/no/such/route")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("not-found"));
		this.http.get()
			.uri("/api/things/2")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Thing 2 does not exist.");
	}

	@Test
	void answersAWrongMethodAndAWrongMediaType() {
		this.http.delete()
			.uri("/api/things/1")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("method-not-allowed"));
		this.http.post()
			.uri("/api/things")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.contentType(MediaType.TEXT_PLAIN)
			.body("name=a")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("unsupported-media-type"));
	}

	@Test
	void answersConflictsLimitsAndOutagesWithTheirTypes() {
		this.http.get()
			.uri("/api/conflict")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("conflict"))
			.jsonPath("$.current")
			.isEqualTo(7);
		this.http.get()
			.uri("/api/limited")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("too-many-requests"));
		this.http.get()
			.uri("/api/unavailable")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("service-unavailable"));
	}

	@Test
	void hidesTheDetailsOfAnUnexpectedError() {
		byte[] body = this.http.get()
			.uri("/api/boom")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("internal"))
			.jsonPath("$.traceId")
			.exists()
			.returnResult()
			.getResponseBody();
		assertThat(new String(body)).doesNotContain("db-host-17").doesNotContain("IllegalStateException");
	}

	@Test
	void refusesAnOversizedBodyWhetherDeclaredOrStreamed() throws Exception {
		String big = "{\"name\":\"" + "x".repeat(4096) + "\",\"count\":1}";
		postThing(big).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type("payload-too-large"));
		// Without Content-Length (chunked), the limit applies while the body is read.
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/things"))
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.body()).contains(type("payload-too-large"));
		}
	}

	@Test
	void answersQueriesThatDoNotDecodeWithAProblemNotAnError() throws IOException {
		for (String query : List.of("page=%zz", "page=%C3%28", "page=%", "page=2%4")) {
			RawHttp response = RawHttp.exchange(this.port, "GET /api/things/1?" + query
					+ " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + MEMBER + "\r\nConnection: close\r\n\r\n");
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.header("content-type")).as(query).startsWith("application/problem+json");
			assertThat(response.body()).as(query).contains(type("malformed-request"));
		}
		RawHttp fine = RawHttp.exchange(this.port, "GET /api/things/1?page=%32 HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: " + MEMBER + "\r\nConnection: close\r\n\r\n");
		assertThat(fine.status()).isEqualTo(200);
		assertThat(fine.body()).contains("\"page\":2");
	}

	@Test
	void answersAnAcceptHeaderThatDoesNotParseWithAProblemNotAnEmpty406() throws IOException {
		for (String accept : List.of("***", "application/json;q=abc", "text/")) {
			RawHttp response = RawHttp.exchange(this.port, "GET /api/things/1 HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: " + MEMBER + "\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n");
			assertThat(response.status()).as(accept).isEqualTo(400);
			assertThat(response.header("content-type")).as(accept).startsWith("application/problem+json");
			assertThat(response.body()).as(accept).contains(type("malformed-request"));
		}
		RawHttp fine = RawHttp.exchange(this.port,
				"GET /api/things/1 HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: " + MEMBER
						+ "\r\nAccept: application/json;q=0.9, */*;q=0.1\r\nConnection: close\r\n\r\n");
		assertThat(fine.status()).isEqualTo(200);
	}

	@Test
	void answersAFormBodyThatDoesNotDecodeWithAProblemNotAnError() throws IOException {
		String body = "name=%zz";
		RawHttp response = RawHttp.exchange(this.port,
				"POST /api/things/search HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + MEMBER
						+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
						+ "\r\nConnection: close\r\n\r\n" + body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("content-type")).startsWith("application/problem+json");
		assertThat(response.body()).contains(type("malformed-request"));
	}

	@Test
	void answersWhatTomcatRefusesItselfWithAProblemNotAnHtmlPage() throws IOException {
		String tooLong = "x".repeat(20_000);
		for (String target : List.of("/api/things/%2F..%2Finternal", "/api/things/a%00b",
				"/api/things/1?q=" + tooLong)) {
			RawHttp response = RawHttp.exchange(this.port,
					"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			String shown = target.substring(0, Math.min(40, target.length()));
			assertThat(response.status()).as(shown).isEqualTo(400);
			assertThat(response.header("content-type")).as(shown).startsWith("application/problem+json");
			assertThat(response.body()).as(shown)
				.contains(type("malformed-request"))
				.contains("\"status\":400")
				.doesNotContain("<html")
				.doesNotContain("Tomcat");
		}
	}

	@Test
	void keepsHealthAndMetricsOpenAndTagged() {
		this.http.get()
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
			.isEqualTo("UP")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP");
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		// Every component says something: none sits at UNKNOWN for the life of the
		// process.
		String health = this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(health).doesNotContain("UNKNOWN").doesNotContain("discovery");
		String metrics = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).contains("warden_outbox_backlog").contains("application=\"platform-test\"");
	}

	@Test
	void publishesTheApiDocumentWithTheBearerScheme() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.securitySchemes.bearer-jwt.scheme")
			.isEqualTo("bearer");
	}

	@Test
	void echoesAWellFormedRequestIdAndReplacesAHostileOne() {
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.header("X-Request-Id", "abc-123")
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-Id", "abc-123");
		this.http.get()
			.uri("/api/whoami")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.header("X-Request-Id", "<script>")
			.exchange()
			.expectHeader()
			.value("X-Request-Id", (id) -> assertThat(id).doesNotContain("<").hasSize(36));
	}

	/** Sends a member's JSON body to the test application's endpoint. */
	private RestTestClient.ResponseSpec postThing(String json) {
		return this.http.post()
			.uri("/api/things")
			.header(HttpHeaders.AUTHORIZATION, MEMBER)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange();
	}

	private static String type(String slug) {
		return ProblemType.BASE_URI + slug;
	}

}
