package dev.warden.gateway;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.warden.gateway.StubService.Recorded;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of six stub services (one per Warden service): every documented
 * route reaches the right service and path with query and body intact, nothing else is
 * reachable, and the edge's resilience and hygiene hold.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS }, properties = {
		"warden.http.max-body-size=16KB", "warden.gateway.cors.allowed-origins=https://console.example.com",
		"warden.gateway.resilience.routes.approvals.minimum-number-of-calls=4",
		"warden.gateway.resilience.routes.approvals.sliding-window-size=4",
		"warden.gateway.resilience.routes.approvals.retries=0",
		"warden.gateway.resilience.routes.approvals.wait-in-open-state=60s",
		"warden.gateway.resilience.routes.dispatch.timeout=1s", "warden.gateway.resilience.routes.openai.timeout=1s",
		// Tomcat's read timeout, short so that a read left waiting on a client's socket
		// ends within a test; idle keep-alive connections keep the usual minute.
		"server.tomcat.connection-timeout=2s", "server.tomcat.keep-alive-timeout=60s",
		// Hundreds of requests from one test user: the limits are
		// EdgeIdentityIntegrationTests'.
		"warden.gateway.rate-limits.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class GatewayEdgeIntegrationTests {

	private static final String PROBLEMS = "https://warden.dev/problems/";

	private static final Map<String, StubService> services = new LinkedHashMap<>();

	static {
		for (String name : List.of("auth", "command", "rules", "audit", "llm-proxy", "terminal")) {
			services.put(name, new StubService(name));
		}
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient http;

	@LocalServerPort
	private int port;

	private final String token = TestTokens.member("user-7").build();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		services.forEach((name, stub) -> registry.add("warden.gateway.services." + name, () -> stub.uri().toString()));
	}

	@AfterAll
	static void stopStubs() {
		services.values().forEach(StubService::close);
	}

	@Autowired
	private Resilience4JCircuitBreakerFactory breakers;

	@BeforeEach
	void resetStubsAndBreakers() {
		services.values().forEach(StubService::reset);
		this.breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	static Stream<Arguments> documentedRoutes() {
		return Stream.of(
				// auth-service
				route("GET", "/api/v1/auth/me?x=1", "auth", "/api/v1/auth/me"),
				route("GET", "/api/v1/users/42", "auth", "/api/v1/users/42"),
				route("GET", "/api/v1/api-keys", "auth", "/api/v1/api-keys"),
				route("GET", "/.well-known/jwks.json", "auth", "/.well-known/jwks.json"),
				route("GET", "/.well-known/openid-configuration", "auth", "/.well-known/openid-configuration"),
				route("POST", "/register", "auth", "/api/v1/auth/register"),
				route("POST", "/users", "auth", "/api/v1/users"),
				route("POST", "/api/auth/register", "auth", "/api/v1/auth/register"),
				route("POST", "/api/auth/login", "auth", "/api/v1/auth/login"),
				route("POST", "/api/auth/refresh", "auth", "/api/v1/auth/refresh"),
				route("GET", "/api/auth/me", "auth", "/api/v1/auth/me"),
				route("POST", "/api/auth/logout", "auth", "/api/v1/auth/logout"),
				// command-service
				route("GET", "/api/v1/commands/7?view=full&view=short", "command", "/api/v1/commands/7"),
				route("GET", "/api/v1/approvals", "command", "/api/v1/approvals"),
				route("GET", "/api/v1/credits/balance", "command", "/api/v1/credits/balance"),
				route("GET", "/api/v1/dispatch/agents", "command", "/api/v1/dispatch/agents"),
				route("GET", "/api/v1/agents", "command", "/api/v1/agents"),
				route("POST", "/commands/execute", "command", "/api/v1/commands"),
				route("POST", "/send-command/user-42?wait=true", "command", "/api/v1/dispatch/user-42"),
				route("POST", "/broadcast-command", "command", "/api/v1/dispatch/broadcast"),
				// rules-service
				route("GET", "/api/v1/rules/3", "rules", "/api/v1/rules/3"),
				route("GET", "/rules?enabled=true", "rules", "/api/v1/rules"),
				route("POST", "/rules", "rules", "/api/v1/rules"),
				// audit-service
				route("GET", "/api/v1/audit-logs?page=2&size=10", "audit", "/api/v1/audit-logs"),
				route("GET", "/audit-logs?user=u%201", "audit", "/api/v1/audit-logs"),
				// llm-proxy-service
				route("GET", "/v1/models", "llm-proxy", "/v1/models"),
				route("POST", "/v1/chat/completions", "llm-proxy", "/v1/chat/completions"),
				route("POST", "/api/v1/chat/completions", "llm-proxy", "/v1/chat/completions"),
				route("POST", "/api/v1/ai/suggest", "llm-proxy", "/api/v1/ai/suggest"),
				route("GET", "/api/v1/llm/me/quota", "llm-proxy", "/api/v1/llm/me/quota"),
				route("GET", "/api/v1/admin/llm/users", "llm-proxy", "/api/v1/admin/llm/users"),
				route("POST", "/api/ai/explain", "llm-proxy", "/api/v1/ai/explain"),
				// terminal-service
				route("GET", "/api/v1/sessions", "terminal", "/api/v1/sessions"),
				route("GET", "/api/v1/ssh/profiles", "terminal", "/api/v1/ssh/profiles"),
				route("GET", "/api/v1/sync/history", "terminal", "/api/v1/sync/history"),
				route("POST", "/api/sessions", "terminal", "/api/v1/sessions"),
				route("GET", "/api/sessions/5", "terminal", "/api/v1/sessions/5"),
				route("GET", "/api/ssh/keys", "terminal", "/api/v1/ssh/keys"),
				// the services' OpenAPI documents for /docs
				route("GET", "/docs/api/auth", "auth", "/v3/api-docs"),
				route("GET", "/docs/api/command", "command", "/v3/api-docs"),
				route("GET", "/docs/api/rules", "rules", "/v3/api-docs"),
				route("GET", "/docs/api/audit", "audit", "/v3/api-docs"),
				route("GET", "/docs/api/llm-proxy", "llm-proxy", "/v3/api-docs"),
				route("GET", "/docs/api/terminal", "terminal", "/v3/api-docs"));
	}

	private static Arguments route(String method, String publicPath, String service, String servicePath) {
		return Arguments.of(method, publicPath, service, servicePath);
	}

	@ParameterizedTest(name = "{0} {1} -> {2} {3}")
	@MethodSource("documentedRoutes")
	void everyDocumentedRouteReachesItsServiceWithQueryAndBodyIntact(String method, String publicPath, String service,
			String servicePath) {
		String body = method.equals("POST") ? "{\"command\":\"ls -la\",\"n\":1}" : null;
		// A URI, not a template: the query goes out exactly as written.
		RestTestClient.RequestBodySpec request = this.http.method(HttpMethod.valueOf(method))
			.uri(URI.create(publicPath))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		request.exchange().expectStatus().isOk();

		StubService stub = services.get(service);
		assertThat(stub.received()).hasSize(1);
		Recorded received = stub.last();
		assertThat(received.method()).isEqualTo(method);
		assertThat(received.path()).isEqualTo(servicePath);
		assertThat(received.query()).isEqualTo(URI.create(publicPath).getRawQuery());
		assertThat(received.body()).isEqualTo((body != null) ? body : "");
		assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + this.token);
		services.values()
			.stream()
			.filter((other) -> other != stub)
			.forEach((other) -> assertThat(other.received()).as(other.name()).isEmpty());
	}

	@Test
	void anonymousPathsNeedNoTokenAndFormBodiesArriveUnchanged() {
		String form = "grant_type=password&username=johndoe&password=p%26ss%3Dword";
		this.http.post()
			.uri("/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isOk();
		Recorded received = services.get("auth").last();
		assertThat(received.path()).isEqualTo("/api/v1/auth/token");
		assertThat(received.query()).isNull();
		assertThat(received.body()).isEqualTo(form);
		assertThat(received.header(HttpHeaders.CONTENT_TYPE)).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	@Test
	void protectedRoutesNeedATokenAtTheEdge() {
		this.http.get()
			.uri("/api/v1/rules")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "unauthorized");
		assertThat(services.get("rules").received()).isEmpty();
	}

	static Stream<Arguments> unreachable() {
		return Stream.of(Arguments.of("GET", "/internal/v1/anything"), Arguments.of("GET", "/internal"),
				Arguments.of("POST", "/internal/v1/credits/charge"), Arguments.of("GET", "/actuator/env"),
				Arguments.of("GET", "/actuator/loggers"), Arguments.of("GET", "/actuator/gateway/routes"),
				Arguments.of("GET", "/api/v1/no-such-thing"), Arguments.of("GET", "/api/v2/rules"),
				Arguments.of("GET", "/api/auth/delete-everything"), Arguments.of("GET", "/v2/models"),
				Arguments.of("GET", "/docs/api/gateway"),
				// method-specific aliases refuse the other methods
				Arguments.of("GET", "/commands/execute"), Arguments.of("PUT", "/commands/execute"),
				Arguments.of("GET", "/send-command/user-42"), Arguments.of("GET", "/broadcast-command"),
				Arguments.of("GET", "/users"), Arguments.of("DELETE", "/users"), Arguments.of("POST", "/audit-logs"),
				Arguments.of("DELETE", "/audit-logs"));
	}

	@ParameterizedTest(name = "{0} {1} -> 404")
	@MethodSource("unreachable")
	void nothingElseIsReachable(String method, String path) {
		RestTestClient.RequestBodySpec request = this.http.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
		if (!method.equals("GET") && !method.equals("DELETE")) {
			request.contentType(MediaType.APPLICATION_JSON).body("{}");
		}
		request.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "not-found");
		services.values().forEach((stub) -> assertThat(stub.received()).as(stub.name()).isEmpty());
	}

	@Test
	void pathsThatTryToLeaveTheirRouteAreRefused() throws Exception {
		for (String path : List.of("/api/v1/rules/../../internal/v1/users", "/api/v1/rules/%2e%2e/%2e%2e/internal/x",
				"/api/v1/rules/..%2F..%2Finternal%2Fx", "/api/v1/rules;x=/../../internal/x")) {
			HttpResponse<String> response = client().send(HttpRequest.newBuilder(gateway(path))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isIn(400, 404);
		}
		services.values().forEach((stub) -> assertThat(stub.received()).as(stub.name()).isEmpty());
	}

	@Test
	void internalPathsAreNotFoundEvenWithoutAToken() {
		this.http.get().uri("/internal/v1/users/1").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/internal/v1/users/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.service("command-service").build())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void healthAndMetricsAliasesAnswerForTheGatewayItself() {
		this.http.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.http.get()
			.uri("/health/db")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.http.get()
			.uri("/health/redis")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		String metrics = this.http.get()
			.uri("/metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).contains("application=\"gateway-service\"");
		services.values().forEach((stub) -> assertThat(stub.received()).isEmpty());
	}

	@Test
	void requestIdIsPassedOnOrCreated() {
		this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header("X-Request-Id", "client-chosen-42")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values("X-Request-Id", (ids) -> assertThat(ids).containsExactly("client-chosen-42"));
		assertThat(services.get("rules").last().header("X-Request-Id")).isEqualTo("client-chosen-42");

		String created = this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(created).isNotBlank();
		assertThat(services.get("rules").last().header("X-Request-Id")).isEqualTo(created);
	}

	@Test
	void forwardingHeadersAreReplacedNotTrustedAndTraceContextIsPassedOn() {
		this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Host", "evil.example")
			.header("Forwarded", "for=6.6.6.6;host=evil.example")
			.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.exchange()
			.expectStatus()
			.isOk();
		Recorded received = services.get("rules").last();
		assertThat(received.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost:" + this.port);
		assertThat(received.header("Forwarded")).isNull();
		// The same trace, continued by the gateway's own span.
		assertThat(received.header("traceparent")).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
			.doesNotContain("b7ad6b7169203331");
	}

	@Test
	void anUnsampledRequestStillHasATraceIdSentOnAndLogged(CapturedOutput output) {
		// Most requests are not sampled at the edge (management.tracing.sampling): they
		// still get a trace id, passed on to the service and written in the access log.
		this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header("X-Request-Id", "trace-probe-1")
			.exchange()
			.expectStatus()
			.isOk();
		String traceparent = services.get("rules").last().header("traceparent");
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		String traceId = traceparent.substring(3, 35);
		assertThat(traceId).isNotEqualTo("0".repeat(32));
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains("warden.gateway.access") && line.contains("trace-probe-1")))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains(traceId));
	}

	@Test
	void securityHeadersAreOnEveryAnswerAndTheEdgeOwnsThem() {
		List<RestTestClient.ResponseSpec> answers = new ArrayList<>();
		answers.add(this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isOk());
		answers.add(this.http.get().uri("/api/v1/rules").exchange().expectStatus().isUnauthorized());
		answers.add(this.http.get().uri("/internal/x").exchange().expectStatus().isNotFound());
		answers.add(this.http.get().uri("/health").exchange().expectStatus().isOk());
		for (RestTestClient.ResponseSpec answer : answers) {
			HttpHeaders headers = answer.returnResult(String.class).getResponseHeaders();
			assertThat(headers.get("Strict-Transport-Security")).containsExactly("max-age=31536000; includeSubDomains");
			assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
			assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
			assertThat(headers.get("Referrer-Policy")).containsExactly("no-referrer");
			assertThat(headers.get("Content-Security-Policy")).singleElement()
				.asString()
				.startsWith("default-src 'none'");
		}
	}

	@Test
	void swaggerUiAtDocsListsEveryServiceAndMayRunItsScripts() {
		String page = this.http.get()
			.uri("/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("script-src 'self'")
						.contains("connect-src 'self'")
						.contains("frame-ancestors 'none'"))
			.returnResult(String.class)
			.getResponseBody();
		assertThat(page).contains("swagger-initializer.js");
		this.http.get().uri("/docs").exchange().expectStatus().is3xxRedirection();
		this.http.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value((urls) -> assertThat(urls.toString().replace("\\/", "/")).contains("/v3/api-docs", "/docs/api/auth",
					"/docs/api/command", "/docs/api/rules", "/docs/api/audit", "/docs/api/llm-proxy",
					"/docs/api/terminal"));
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/health'].get")
			.exists();
	}

	@Test
	void corsAllowsListedOriginsOnlyAndAnswersPreflightAtTheEdge() {
		this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header(HttpHeaders.ORIGIN, "https://console.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://console.example.com")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("X-Request-Id"));

		this.http.get()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "forbidden");
		assertThat(services.get("rules").received()).hasSize(1);

		// Preflight: no token, answered by the gateway, never forwarded.
		this.http.options()
			.uri("/api/v1/commands")
			.header(HttpHeaders.ORIGIN, "https://console.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://console.example.com")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"));
		this.http.options()
			.uri("/api/v1/commands")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(services.get("command").received()).isEmpty();

		// Without Origin a request is not a CORS request: it passes, and shared caches
		// are still told that the answer depends on Origin (Spring leaves Vary out when
		// the filter finds no CORS configuration for a request, so it must always find
		// one).
		this.http.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(HttpHeaders.VARY, (vary) -> assertThat(String.join(",", vary)).contains("Origin"));
	}

	@Test
	void oversizedBodiesAreRefusedWithAndWithoutContentLength() throws Exception {
		byte[] big = new byte[64 * 1024];
		java.util.Arrays.fill(big, (byte) 'a');
		// With Content-Length: refused before anything is read.
		this.http.post()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(big)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "payload-too-large");
		assertThat(services.get("rules").received()).isEmpty();

		// Chunked, no Content-Length: stopped while it streams to the service.
		HttpResponse<String> chunked = client().send(HttpRequest.newBuilder(gateway("/api/v1/rules"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(json.readTree(chunked.body()).get("type").asString()).isEqualTo(PROBLEMS + "payload-too-large");
		services.get("rules")
			.received()
			.forEach((received) -> assertThat(received.body().length()).isLessThan(big.length));

		// A body under the limit passes.
		this.http.post()
			.uri("/api/v1/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"pattern\":\"rm -rf\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void requestBodiesStreamToTheServiceWithoutBeingBuffered() throws Exception {
		StubService rules = services.get("rules");
		// The client sends the first part of a chunked body, then waits until the service
		// has seen bytes before it sends the rest: a gateway that held the whole body
		// back would stall this until the wait times out, and the body then says so. A
		// raw socket, because the JDK client itself fills its buffer before it sends.
		// (The outbound client sends in chunks of 1 KB, Spring's OutputStreamPublisher
		// default, hence the padding.)
		String first = "{\"padding\":\"" + "x".repeat(4096) + "\",";
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/rules/upload-stream HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAuthorization: Bearer " + this.token
					+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(chunk(first));
			out.flush();
			boolean seen = rules.uploadStarted().await(5, TimeUnit.SECONDS);
			out.write(chunk(seen ? "\"part\":2}" : "\"buffered\":true}"));
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200");
		}
		assertThat(rules.last().body()).isEqualTo(first + "\"part\":2}");
	}

	private static byte[] chunk(String data) {
		byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
		return (Integer.toHexString(bytes.length) + "\r\n" + data + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void breakerOpensAfterFailuresAndTheFallbackIsAServiceUnavailableProblem() {
		for (int i = 0; i < 4; i++) {
			// The service's own 503 is passed on as it is, and counted.
			this.http.get()
				.uri("/api/v1/approvals/always-503")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("stub");
		}
		assertThat(services.get("command").received()).hasSize(4);
		this.http.get()
			.uri("/api/v1/approvals/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "60")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "service-unavailable")
			.jsonPath("$.route")
			.isEqualTo("approvals");
		assertThat(services.get("command").received()).hasSize(4);
		// Other routes to the same service have breakers of their own.
		this.http.get()
			.uri("/api/v1/commands/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void idempotentCallsAreRetriedOnA503AndPostsAreNot() {
		StubService command = services.get("command");
		this.http.get()
			.uri("/api/v1/credits/flaky")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(command.received()).hasSize(3)
			.allSatisfy((received) -> assertThat(received.method()).isEqualTo("GET"));

		command.reset();
		this.http.post()
			.uri("/api/v1/credits/flaky")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"amount\":5}")
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(command.received()).hasSize(1);
	}

	@Test
	void aCallOverTheTimeLimitIsAGatewayTimeoutProblem() {
		this.http.get()
			.uri("/api/v1/dispatch/slow")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "upstream-timeout")
			.jsonPath("$.route")
			.isEqualTo("dispatch");
	}

	@Test
	void aClientThatStopsSendingItsBodyGetsARequestTimeoutThatTheBreakerDoesNotCount() throws Exception {
		CircuitBreaker breaker = this.breakers.getCircuitBreakerRegistry().circuitBreaker("dispatch");
		long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
		// Two bytes of the hundred it announced, then nothing: the gateway waits for the
		// client, not for the service. Counted as the service's failure, a few such
		// requests would open the route's breaker for every client. The answer comes
		// while the connection is still open, as a client that gave up on its upload sees
		// it.
		String answer = rawExchange("/api/v1/dispatch/slow-body", "Content-Length: 100\r\n\r\n{\"");
		assertThat(answer).startsWith("HTTP/1.1 408")
			.contains("application/problem+json")
			.contains(PROBLEMS + "request-timeout")
			.contains("\"route\":\"dispatch\"");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);

		// The copy of that body to the service was still waiting on the first client's
		// socket when the gateway answered. The next connection gets the same Tomcat
		// processor: had the gateway let it go before that read ended, the read would
		// wake up (at the 2 s read timeout this class sets) inside the next request's
		// buffer and break it. This upload spans that moment.
		StubService rules = services.get("rules");
		String[] parts = { "{\"a\":\"" + "x".repeat(2048) + "\",", "\"b\":2,", "\"c\":3,", "\"d\":4,", "\"e\":5}" };
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/rules/after-a-stalled-upload HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAuthorization: Bearer " + this.token
					+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			for (String part : parts) {
				out.write(chunk(part));
				out.flush();
				Thread.sleep(800);
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
		assertThat(rules.last().body()).isEqualTo(String.join("", parts));
	}

	@Test
	void aServiceThatAnswersBeforeReadingTheBodyIsHeardOnceTheBodyIsSentAndTheConnectionStaysUsable() throws Exception {
		String first = "{\"padding\":\"";
		String rest = "x".repeat(3000) + "\"}";
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST /api/v1/rules/answers-before-reading HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAuthorization: Bearer " + this.token
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + (first.length() + rest.length())
					+ "\r\n\r\n" + first)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// The JDK client reads the service's answer once it has sent the whole body,
			// so the client's rest arrives while the copy waits for it.
			Thread.sleep(300);
			out.write(rest.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 401");
			// Nothing of that body is taken for the next request on the connection.
			out.write(("GET /api/v1/rules/after-an-early-answer HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAuthorization: Bearer " + this.token + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("after-an-early-answer");
		}
	}

	@Test
	void aBodyThatCannotBeReadIsTheClientsFaultNotTheServices() throws Exception {
		CircuitBreaker breaker = this.breakers.getCircuitBreakerRegistry().circuitBreaker("rules");
		long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
		// Silent for longer than Tomcat waits on a read (2 s here) but within the route's
		// time limit (10 s): the read fails while the body is copied to the service.
		String stalled = rawExchange("/api/v1/rules/stalled-body", "Content-Length: 100\r\n\r\n{\"");
		assertThat(stalled).startsWith("HTTP/1.1 408").contains(PROBLEMS + "request-timeout");
		// A chunk whose size is not a number.
		String malformed = rawExchange("/api/v1/rules/malformed-chunk",
				"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\n");
		assertThat(malformed).startsWith("HTTP/1.1 400").contains(PROBLEMS + "malformed-request");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
	}

	/**
	 * Sends a POST whose headers end with the given ones and body, and reads the answer.
	 */
	private String rawExchange(String path, String lastHeadersAndBody) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + this.port + "\r\nAuthorization: Bearer "
					+ this.token + "\r\nContent-Type: application/json\r\nConnection: close\r\n" + lastHeadersAndBody)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return RawHttp.readResponse(socket.getInputStream());
		}
	}

	@Test
	void serverSentEventsStreamThroughAndOutliveTheTimeLimit() throws Exception {
		StubService llm = services.get("llm-proxy");
		HttpResponse<Stream<String>> response = client().send(HttpRequest.newBuilder(gateway("/v1/chat/completions"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
			.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE));
		Iterator<String> lines = response.body().iterator();
		// The first event arrives while the service is still holding the stream open.
		assertThat(lines.next()).isEqualTo("data: {\"n\":1}");
		llm.openStreamGate();
		List<String> rest = new ArrayList<>();
		lines.forEachRemaining(rest::add);
		assertThat(rest).doesNotContain("data: not-streamed").contains("data: {\"n\":2}", "data: [DONE]");
	}

	@Test
	void everyRequestGetsOneJsonAccessLogLine(CapturedOutput output) throws Exception {
		this.http.get()
			.uri("/api/v1/rules/access-log-probe?secret=token")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.header("X-Request-Id", "access-log-1")
			.exchange()
			.expectStatus()
			.isOk();
		JsonNode line = accessLogLine(output, "access-log-1");
		assertThat(line.get("method").asString()).isEqualTo("GET");
		assertThat(line.get("path").asString()).isEqualTo("/api/v1/rules/access-log-probe");
		assertThat(line.get("route").asString()).isEqualTo("rules");
		assertThat(line.get("status").asInt()).isEqualTo(200);
		assertThat(line.get("duration_ms").isNumber()).isTrue();
		assertThat(line.get("user_id").asString()).isEqualTo("user-7");
		assertThat(line.get("client").asString()).isEqualTo("127.0.0.1");
		assertThat(line.get("bytes_out").asLong()).isPositive();
		assertThat(line.has("bytes_in")).isTrue();
		assertThat(line.toString()).doesNotContain("secret");

		this.http.get()
			.uri("/api/v1/rules")
			.header("X-Request-Id", "access-log-2")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		JsonNode refused = accessLogLine(output, "access-log-2");
		assertThat(refused.get("status").asInt()).isEqualTo(401);
		assertThat(refused.get("user_id").isNull()).isTrue();
	}

	private static JsonNode accessLogLine(CapturedOutput output, String requestId) {
		// The line is written when the filter chain returns, which can be just after the
		// client has the whole answer.
		List<JsonNode> lines = new ArrayList<>();
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			lines.clear();
			for (String line : output.getOut().split("\\R")) {
				if (!line.contains("warden.gateway.access") || !line.contains(requestId)) {
					continue;
				}
				JsonNode event = json.readTree(line.substring(line.indexOf('{')));
				JsonNode message = event.get("message");
				lines.add((message != null && message.isString()) ? json.readTree(message.asString()) : event);
			}
			assertThat(lines).as("access log lines for " + requestId).hasSize(1);
		});
		return lines.get(0);
	}

	private URI gateway(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

}
