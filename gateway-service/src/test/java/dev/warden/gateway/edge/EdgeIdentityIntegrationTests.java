package dev.warden.gateway.edge;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.Topics;
import dev.warden.contracts.identity.ApiKeyRevoked;
import dev.warden.contracts.identity.IdentityEvent;
import dev.warden.contracts.identity.UserBlocked;
import dev.warden.contracts.identity.UserTierChanged;
import dev.warden.gateway.GatewayApplication;
import dev.warden.platform.outbox.EventHeaders;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity, limits and the WebSocket relay at the edge, against real Redis, Kafka and
 * PostgreSQL, a stub auth-service, an HTTP echo service and a WebSocket echo service.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(EchoRoutes.class)
@ExtendWith(OutputCaptureExtension.class)
class EdgeIdentityIntegrationTests {

	static final AuthServiceStub auth = new AuthServiceStub();

	static final HttpEchoUpstream echo = new HttpEchoUpstream();

	static final RotatingJwks jwks = new RotatingJwks();

	static final WebSocketEchoUpstream wsEcho = new WebSocketEchoUpstream();

	/**
	 * command-service's second replica (a third, unreachable, is listed between them).
	 */
	static final WebSocketEchoUpstream wsEchoReplica = new WebSocketEchoUpstream();

	static final String ALLOWED_ORIGIN = "https://app.warden.test";

	/**
	 * The load balancer in front of the gateway: a loopback address of its own, so that
	 * the tests' other requests (from 127.0.0.1) come from an untrusted peer.
	 */
	static final String TRUSTED_PROXY = "127.0.0.2";

	/** Fresh limiter keys for every run, shared by both gateways of a test. */
	static final String KEY_PREFIX = "test-" + UUID.randomUUID() + ":";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	Environment environment;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RedissonClient redisson;

	@DynamicPropertySource
	static void edge(DynamicPropertyRegistry registry) {
		registry.add("test.echo-upstream", echo::base);
		// TestTokens' key and keys a test rotates; fetches of the key set rate-limited to
		// two a second rather than two in 30 s, so that tests need not wait long.
		registry.add("warden.security.jwks-uri", jwks::uri);
		registry.add("warden.gateway.identity.jwks.min-refresh-interval", () -> "1s");
		registry.add("warden.gateway.services.auth", auth::base);
		registry.add("warden.gateway.services.command", wsEcho::base);
		// Three addresses in turn: the echo, nothing, the replica. The relay spreads
		// connections over them and passes over the one that cannot be reached.
		registry.add("warden.gateway.services.replicas.command[0]", () -> "http://127.0.0.1:1");
		registry.add("warden.gateway.services.replicas.command[1]", wsEchoReplica::base);
		// The route table sends /api/v1/ai/** and /v1/** there; the echo stands in for
		// it.
		registry.add("warden.gateway.services.llm-proxy", echo::base);
		// Nothing listens there: the relay must close its clients with 1013.
		registry.add("warden.gateway.services.terminal", () -> "http://127.0.0.1:1");
		registry.add("warden.service-token.token-uri", () -> auth.base() + "/api/v1/auth/token");
		registry.add("warden.service-token.client-id", () -> "gateway-service");
		registry.add("warden.service-token.client-secret", () -> "test-secret");
		registry.add("warden.security.public-paths", () -> "/api/v1/auth/login,/api/v1/auth/register");
		registry.add("warden.gateway.rate-limits.key-prefix", () -> KEY_PREFIX);
		registry.add("warden.gateway.trusted-proxies", () -> TRUSTED_PROXY.replace(".", "\\."));
		registry.add("warden.gateway.websocket.allowed-origins", () -> ALLOWED_ORIGIN);
		registry.add("warden.gateway.websocket.auth-timeout", () -> "1s");
	}

	@AfterAll
	static void stop() throws Exception {
		auth.stop();
		jwks.stop();
		wsEcho.stop();
		wsEchoReplica.stop();
	}

	// --- JWTs -----------------------------------------------------------------------

	@Test
	void acceptsAValidTokenAndForwardsIt() throws Exception {
		String token = TestTokens.member(user()).build();
		HttpResponse<String> response = get("/api/v1/echo/ok", "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echo.lastHeaders().get("authorization")).containsExactly("Bearer " + token);
	}

	@Test
	void refusesTheJwtAttackSetWithProblems() throws Exception {
		Map<String, String> attacks = new HashMap<>(TestTokens.attacks());
		attacks.put("not yet valid",
				TestTokens.member("attacker").claim("nbf", Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
		attacks.put("tampered payload", tampered(TestTokens.member("attacker").build()));
		int before = echo.requests();
		for (Map.Entry<String, String> attack : attacks.entrySet()) {
			HttpResponse<String> response = get("/api/v1/echo/attack", "Authorization", "Bearer " + attack.getValue());
			assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).as(attack.getKey())
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(echo.requests()).as("nothing reached the service").isEqualTo(before);
	}

	@Test
	void refusesACachedTokenOnceItsSigningKeyLeftTheKeySet() throws Exception {
		RSAKey retiring = new RSAKeyGenerator(2048).keyID("retiring-" + UUID.randomUUID()).generate();
		jwks.publish(retiring);
		String token = signedWith(retiring, user());
		String kept = TestTokens.member(user()).build();
		// The new key is fetched for the first token naming it (once the rate limit
		// allows a fetch), then the token is served from the verified-token cache.
		awaitStatus(200, "/api/v1/echo/rotated", "Authorization", "Bearer " + token);
		assertThat(get("/api/v1/echo/kept", "Authorization", "Bearer " + kept).statusCode()).isEqualTo(200);
		jwks.retire(retiring.getKeyID());
		int before = jwks.fetches();
		// Until the gateway fetches the key set again it cannot know.
		assertThat(get("/api/v1/echo/rotated", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(jwks.fetches()).isEqualTo(before);
		// A token naming an unknown key makes the gateway fetch the key set (once the
		// rate limit allows), which no longer holds the retired key.
		String unknownKid = TestTokens.member(user()).keyId("unknown-" + UUID.randomUUID()).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (jwks.fetches() == before && System.nanoTime() < deadline) {
			assertThat(get("/api/v1/echo/x", "Authorization", "Bearer " + unknownKid).statusCode()).isEqualTo(401);
			Thread.sleep(200);
		}
		assertThat(jwks.fetches()).isGreaterThan(before);
		HttpResponse<String> refused = get("/api/v1/echo/rotated", "Authorization", "Bearer " + token);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(problem(refused).path("status").asInt()).isEqualTo(401);
		// A cached token under a key still published is unaffected.
		assertThat(get("/api/v1/echo/kept", "Authorization", "Bearer " + kept).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesARequestWithoutCredentials() throws Exception {
		HttpResponse<String> response = get("/api/v1/echo/none");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(problem(response).path("status").asInt()).isEqualTo(401);
	}

	@Test
	void refusesTokensOfAUserBlockedAfterTheyWereIssued() throws Exception {
		String userId = user();
		String token = TestTokens.member(userId).build();
		assertThat(get("/api/v1/echo/before-block", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		Thread.sleep(1100); // the block comes after the token's iat second
		publish(new UserBlocked(userId, "test"));
		awaitStatus(401, "/api/v1/echo/after-block", "Authorization", "Bearer " + token);
	}

	// --- API keys -------------------------------------------------------------------

	@Test
	void exchangesAnApiKeyFromXApiKeyAndForwardsOnlyTheJwt() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		HttpResponse<String> response = get("/api/v1/echo/key", "X-API-Key", secret);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, List<String>> seen = echo.lastHeaders();
		assertThat(seen.get("authorization")).containsExactly("Bearer " + auth.tokenFor(secret));
		assertThat(seen).doesNotContainKey("x-api-key");
		assertThat(seen.toString()).doesNotContain(secret);
		assertThat(auth.lastExchangeAuthorization()).startsWith("Bearer ey");
	}

	@Test
	void exchangesAnApiKeySentAsABearerTokenAsOpenAiClientsDo() throws Exception {
		String secret = "member-secret-key-" + UUID.randomUUID();
		auth.addKey(secret, user(), "PRO");
		HttpResponse<String> response = get("/v1/chat/completions", "Authorization", "Bearer " + secret);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echo.lastHeaders().get("authorization")).containsExactly("Bearer " + auth.tokenFor(secret));
		assertThat(echo.lastHeaders().toString()).doesNotContain(secret);
	}

	@Test
	void cachesAnExchangedKey() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		int before = auth.exchanges();
		assertThat(get("/api/v1/echo/1", "X-API-Key", secret).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/echo/2", "X-API-Key", secret).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/echo/3", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
		assertThat(auth.exchanges() - before).isEqualTo(1);
	}

	@Test
	void refusesAnUnknownApiKeyWithAProblem() throws Exception {
		int before = echo.requests();
		HttpResponse<String> response = get("/api/v1/echo/bad-key", "X-API-Key", "wdn_not-a-key");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(problem(response).path("status").asInt()).isEqualTo(401);
		assertThat(echo.requests()).isEqualTo(before);
	}

	@Test
	void asksAuthServiceOnceAboutAWrongKeySentAgainAndAgain() throws Exception {
		String wrong = "wdn_wrong-" + UUID.randomUUID();
		int before = auth.exchanges();
		for (int i = 0; i < 10; i++) {
			assertThat(get("/api/v1/echo/wrong", "X-API-Key", wrong).statusCode()).isEqualTo(401);
		}
		assertThat(auth.exchanges() - before).isEqualTo(1);
		// Another wrong key is asked about once too; a good key is unaffected.
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		assertThat(get("/api/v1/echo/wrong", "Authorization", "Bearer wdn_other-" + UUID.randomUUID()).statusCode())
			.isEqualTo(401);
		assertThat(get("/api/v1/echo/good", "X-API-Key", secret).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/echo/good", "X-API-Key", secret).statusCode()).isEqualTo(200);
		assertThat(auth.exchanges() - before).isEqualTo(3);
	}

	@Test
	void neverRemembersThatAuthServiceFailed() throws Exception {
		String unknown = "wdn_unknown-" + UUID.randomUUID();
		auth.failing(true);
		int before = auth.exchanges();
		try {
			for (int i = 0; i < 3; i++) {
				assertThat(get("/api/v1/echo/down", "X-API-Key", unknown).statusCode()).isEqualTo(503);
			}
			assertThat(auth.exchanges() - before).isEqualTo(3);
		}
		finally {
			auth.failing(false);
		}
		// Asked again once auth-service is back, and only then refused (and remembered).
		assertThat(get("/api/v1/echo/up", "X-API-Key", unknown).statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/echo/up", "X-API-Key", unknown).statusCode()).isEqualTo(401);
		assertThat(auth.exchanges() - before).isEqualTo(4);
	}

	@Test
	void failsClosedWhenAuthServiceIsDown() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		auth.failing(true);
		try {
			int before = echo.requests();
			HttpResponse<String> response = get("/api/v1/echo/down", "X-API-Key", secret);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(problem(response).path("status").asInt()).isEqualTo(503);
			assertThat(echo.requests()).isEqualTo(before);
		}
		finally {
			auth.failing(false);
		}
	}

	@Test
	void refusesARevokedKeyWithinSecondsOfTheEvent() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		AuthServiceStub.Key key = auth.addKey(secret, user(), "FREE");
		assertThat(get("/api/v1/echo/k1", "X-API-Key", secret).statusCode()).isEqualTo(200);
		auth.revoke(secret);
		// Still cached: without the event the gateway would accept it for the cache's
		// TTL.
		assertThat(get("/api/v1/echo/k2", "X-API-Key", secret).statusCode()).isEqualTo(200);
		publish(new ApiKeyRevoked(key.userId(), key.keyId()));
		awaitStatus(401, "/api/v1/echo/k3", "X-API-Key", secret);
	}

	@Test
	void evictsTheKeysOfAUserWhoseTierChanged() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		AuthServiceStub.Key key = auth.addKey(secret, user(), "FREE");
		assertThat(get("/api/v1/echo/tier", "X-API-Key", secret).headers().firstValue("RateLimit-Limit"))
			.hasValue("60");
		auth.changeTier(secret, "PRO");
		// Cached: still the Free token.
		assertThat(get("/api/v1/echo/tier", "X-API-Key", secret).headers().firstValue("RateLimit-Limit"))
			.hasValue("60");
		publish(new UserTierChanged(key.userId(), "FREE", "PRO"));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		String limit = "";
		while (System.nanoTime() < deadline && !limit.equals("300")) {
			Thread.sleep(100);
			limit = get("/api/v1/echo/tier", "X-API-Key", secret).headers().firstValue("RateLimit-Limit").orElse("");
		}
		assertThat(limit).isEqualTo("300");
	}

	// --- header hygiene ---------------------------------------------------------------

	@Test
	void stripsIdentityHeadersSentByClients() throws Exception {
		String token = TestTokens.member(user()).build();
		HttpResponse<String> response = get("/api/v1/echo/spoof", "Authorization", "Bearer " + token, "X-User-Id",
				"admin", "X-User-Roles", "ADMIN", "X-Warden-User", "admin", "X-Auth-Request-User", "admin",
				"X-Forwarded-User", "admin", "X-Remote-User", "admin", "Remote-User", "admin", "X-Authenticated-User",
				"admin", "X-Other", "kept");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, List<String>> seen = echo.lastHeaders();
		assertThat(seen.keySet()).noneMatch((name) -> name.startsWith("x-user-") || name.startsWith("x-warden-")
				|| name.startsWith("x-auth-") || name.startsWith("x-authenticated-"));
		assertThat(seen).doesNotContainKeys("x-forwarded-user", "x-remote-user", "remote-user");
		assertThat(seen.get("x-other")).containsExactly("kept");
		assertThat(seen.get("authorization")).containsExactly("Bearer " + token);
	}

	// --- rate limits ------------------------------------------------------------------

	@Test
	void limitsAFreeUserTo60GeneralRequestsAMinuteWithHeaders() throws Exception {
		String token = TestTokens.member(user()).claim("tier", "FREE").build();
		HttpResponse<String> first = get("/api/v1/echo/rl", "Authorization", "Bearer " + token);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("60");
		assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("59");
		assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("60;w=60");
		long started = System.nanoTime();
		for (int i = 1; i < 60; i++) {
			assertThat(get("/api/v1/echo/rl", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		}
		// The bucket refills one request a second (60 a minute): past the first 60, at
		// most one more per second elapsed is admitted before the first refusal.
		HttpResponse<String> refused = get("/api/v1/echo/rl", "Authorization", "Bearer " + token);
		int extra = 0;
		while (refused.statusCode() == 200 && extra < 120) {
			extra++;
			refused = get("/api/v1/echo/rl", "Authorization", "Bearer " + token);
		}
		long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
		assertThat(extra).isLessThanOrEqualTo((int) elapsedSeconds + 1);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(problem(refused).path("status").asInt()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
		// Another user is not affected, and neither are other request classes.
		assertThat(get("/api/v1/echo/rl", "Authorization", "Bearer " + TestTokens.member(user()).build()).statusCode())
			.isEqualTo(200);
		assertThat(get("/api/v1/ai/x", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
	}

	@Test
	void limitsByTierAndTreatsAnUnknownTierAsFree() throws Exception {
		String unknown = TestTokens.member(user()).claim("tier", "PLATINUM").build();
		assertThat(get("/api/v1/echo/t", "Authorization", "Bearer " + unknown).headers().firstValue("RateLimit-Limit"))
			.hasValue("60");
		String team = TestTokens.member(user()).claim("tier", "TEAM").build();
		assertThat(get("/api/v1/echo/t", "Authorization", "Bearer " + team).headers().firstValue("RateLimit-Limit"))
			.hasValue("1000");
		assertThat(get("/api/v1/ai/t", "Authorization", "Bearer " + team).headers().firstValue("RateLimit-Limit"))
			.hasValue("500");
		String enterprise = TestTokens.member(user()).claim("tier", "ENTERPRISE").build();
		HttpResponse<String> unlimitedAi = get("/api/v1/ai/t", "Authorization", "Bearer " + enterprise);
		assertThat(unlimitedAi.statusCode()).isEqualTo(200);
		assertThat(unlimitedAi.headers().firstValue("RateLimit-Limit")).isEmpty();
	}

	@Test
	void limitsAnonymousSignInsPerClientAddressWhateverXForwardedForSays() throws Exception {
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = post("/api/v1/auth/login", "X-Forwarded-For", "10.0.0." + i);
			assertThat(response.statusCode()).as("sign-in %d", i).isEqualTo(200);
		}
		HttpResponse<String> refused = post("/api/v1/auth/login", "X-Forwarded-For", "10.9.9.9");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(post("/api/v1/auth/register").statusCode()).isEqualTo(429);
	}

	@Test
	void limitsAnonymousSignInsBehindATrustedProxyByTheAddressItForwards(CapturedOutput output) throws Exception {
		String client = "198.51.100." + (1 + new java.util.Random().nextInt(250));
		// The right-most address that is not the proxy's: the client's, whatever the
		// client itself put further left.
		String forwarded = "6.6.6.6, " + client + ", " + TRUSTED_PROXY;
		HttpClient proxy = HttpClient.newBuilder().localAddress(InetAddress.getByName(TRUSTED_PROXY)).build();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = send(proxy, "/api/v1/auth/login", "X-Forwarded-For", forwarded,
					"X-Request-Id", "proxied-" + client + "-" + i);
			assertThat(response.statusCode()).as("sign-in %d", i).isEqualTo(200);
		}
		assertThat(send(proxy, "/api/v1/auth/login", "X-Forwarded-For", forwarded).statusCode()).isEqualTo(429);
		// Another client behind the same proxy has a bucket of its own.
		assertThat(send(proxy, "/api/v1/auth/login", "X-Forwarded-For", "203.0.113.77, " + TRUSTED_PROXY).statusCode())
			.isEqualTo(200);

		// The access log and the limiter saw the same address.
		JsonNode line = accessLogLine(output, "proxied-" + client + "-0");
		assertThat(line.path("client").asString()).isEqualTo(client);
		assertThat(this.redisson.getKeys().countExists(KEY_PREFIX + "ip:" + client + ":auth")).isEqualTo(1);
		assertThat(this.redisson.getKeys().countExists(KEY_PREFIX + "ip:" + TRUSTED_PROXY + ":auth")).isZero();

		// The same header from a peer that is not a trusted proxy changes nothing: its
		// own address is counted, not the client's spent bucket.
		HttpClient untrusted = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.3")).build();
		HttpResponse<String> spoofed = send(untrusted, "/api/v1/auth/login", "X-Forwarded-For", forwarded,
				"X-Request-Id", "spoofed-" + client);
		assertThat(spoofed.statusCode()).isEqualTo(200);
		assertThat(this.redisson.getKeys().countExists(KEY_PREFIX + "ip:127.0.0.3:auth")).isEqualTo(1);
		assertThat(accessLogLine(output, "spoofed-" + client).path("client").asString()).isEqualTo("127.0.0.3");
	}

	@Test
	void twoGatewaysSharingRedisAdmitAtMostTheLimitPlusOnePercent() throws Exception {
		try (ConfigurableApplicationContext second = secondGateway()) {
			int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
			// Pro: 100 AI requests a day, so no refill during the test.
			String token = TestTokens.member(user()).claim("tier", "PRO").build();
			int requests = 300;
			List<Future<Integer>> statuses = new ArrayList<>();
			try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
				for (int i = 0; i < requests; i++) {
					int target = (i % 2 == 0) ? this.port : secondPort;
					statuses
						.add(clients.submit(() -> this.http
							.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + "/api/v1/ai/hammer"))
								.header("Authorization", "Bearer " + token)
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode()));
				}
			}
			int admitted = 0;
			int refused = 0;
			for (Future<Integer> status : statuses) {
				int code = status.get();
				if (code == 200) {
					admitted++;
				}
				else if (code == 429) {
					refused++;
				}
			}
			assertThat(admitted + refused).isEqualTo(requests);
			assertThat(admitted).isBetween(100, 101);
		}
	}

	// --- WebSocket relay --------------------------------------------------------------

	@Test
	void relaysAnAuthenticatedWebSocketBothWays() throws Exception {
		String token = TestTokens.member(user()).build();
		Client client = connect("/ws/agents", Map.of("Authorization", "Bearer " + token));
		client.socket.sendText("hello", true).join();
		assertThat(client.next()).isEqualTo("echo:hello");
		client.socket.sendText("second", true).join();
		assertThat(client.next()).isEqualTo("echo:second");
		client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
		assertThat(client.binary.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
		assertThat(WebSocketEchoUpstream.handshakeHeaders.get().get("Authorization"))
			.containsExactly("Bearer " + token);
		assertThat(this.meters.get("warden.gateway.websocket.relays").tag("route", "agents").gauge().value())
			.isGreaterThanOrEqualTo(1);
		WebSocketEchoUpstream.closeCodes.clear();
		client.socket.sendClose(4000, "bye").join();
		assertThat(WebSocketEchoUpstream.closeCodes.poll(5, TimeUnit.SECONDS)).isEqualTo(4000);
	}

	@Test
	void exchangesAnApiKeyInTheHandshakeAndNeverForwardsIt() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		Client client = connect("/ws/agents?token=" + secret + "&name=box", Map.of());
		client.socket.sendText("hi", true).join();
		assertThat(client.next()).isEqualTo("echo:hi");
		assertThat(WebSocketEchoUpstream.handshakeHeaders.get().get("Authorization"))
			.containsExactly("Bearer " + auth.tokenFor(secret));
		assertThat(WebSocketEchoUpstream.handshakeQuery.get()).isEqualTo("name=box");
		Client viaHeader = connect("/ws/agents", Map.of("X-API-Key", secret));
		viaHeader.socket.sendText("again", true).join();
		assertThat(viaHeader.next()).isEqualTo("echo:again");
		assertThat(WebSocketEchoUpstream.handshakeHeaders.get()).doesNotContainKey("X-API-Key");
		assertThat(WebSocketEchoUpstream.handshakeHeaders.get().toString()).doesNotContain(secret);
	}

	@Test
	void refusesAHandshakeWithBadCredentials() {
		assertThat(handshakeStatus("/ws/agents", Map.of("X-API-Key", "wdn_unknown"))).isEqualTo(401);
		assertThat(handshakeStatus("/ws/agents?token=not.a.jwt", Map.of())).isEqualTo(401);
		assertThat(handshakeStatus("/ws/agents?token=wdn_unknown", Map.of())).isEqualTo(401);
		assertThat(handshakeStatus("/ws/agents",
				Map.of("Authorization", "Bearer " + TestTokens.member("x").expired().build())))
			.isEqualTo(401);
	}

	@Test
	void answersARefusedHandshakeWithAProblem() throws Exception {
		String upgrade = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
		RefusedHandshake badToken = refusedHandshake("/ws/agents?token=not.a.jwt", upgrade);
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(badToken.headers().get("www-authenticate")).startsWith("Bearer");
		assertThat(badToken.problem().path("type").asString()).isEqualTo("https://warden.dev/problems/unauthorized");

		String token = TestTokens.member(user()).build();
		RefusedHandshake foreign = refusedHandshake("/ws/terminal",
				upgrade + "Authorization: Bearer " + token + "\r\nOrigin: https://evil.example\r\n");
		assertThat(foreign.status()).isEqualTo(403);
		assertThat(foreign.problem().path("type").asString()).isEqualTo("https://warden.dev/problems/forbidden");

		RefusedHandshake notAnUpgrade = refusedHandshake("/ws/agents", "Sec-WebSocket-Version: 13\r\n");
		assertThat(notAnUpgrade.status()).isEqualTo(400);
		assertThat(notAnUpgrade.problem().path("type").asString())
			.isEqualTo("https://warden.dev/problems/malformed-request");
	}

	@Test
	void doesNotTakeAFirstMessageWithARepeatedKeyForAnAuthentication() throws Exception {
		// The relay reads the message with the platform's mapper: a repeated key is not
		// JSON it accepts (last-one-wins would take the valid token), so the connection
		// is closed as one that did not authenticate.
		String token = TestTokens.member(user()).build();
		Client twice = connect("/ws/agents", Map.of());
		twice.socket.sendText("{\"type\":\"auth\",\"version\":1,\"token\":\"x\",\"token\":\"" + token + "\"}", true)
			.join();
		assertThat(twice.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
	}

	@Test
	void checksTheOriginAgainstTheAllowList() throws Exception {
		String token = TestTokens.member(user()).build();
		assertThat(handshakeStatus("/ws/agents",
				Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example")))
			.isEqualTo(403);
		Client allowed = connect("/ws/agents", Map.of("Authorization", "Bearer " + token, "Origin", ALLOWED_ORIGIN));
		allowed.socket.sendText("from the app", true).join();
		assertThat(allowed.next()).isEqualTo("echo:from the app");
	}

	@Test
	void closesAConnectionThatDoesNotAuthenticateWith1008() throws Exception {
		Client silent = connect("/ws/agents", Map.of());
		assertThat(silent.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
		Client chatty = connect("/ws/agents", Map.of());
		chatty.socket.sendText("{\"type\":\"register\",\"version\":1,\"name\":\"box\"}", true).join();
		assertThat(chatty.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
		Client wrong = connect("/ws/agents", Map.of());
		wrong.socket.sendText("{\"type\":\"auth\",\"version\":1,\"apiKey\":\"wdn_unknown\"}", true).join();
		assertThat(wrong.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
	}

	@Test
	void authenticatesWithTheFirstMessageAndForwardsItWithTheExchangedJwt() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		auth.addKey(secret, user(), "FREE");
		WebSocketEchoUpstream.received.clear();
		Client client = connect("/ws/agents", Map.of());
		client.socket.sendText("{\"type\":\"auth\",\"version\":1,\"apiKey\":\"" + secret + "\"}", true).join();
		assertThat(json.readTree(client.next()).path("type").asString()).isEqualTo("authenticated");
		String received = WebSocketEchoUpstream.received.poll(5, TimeUnit.SECONDS);
		assertThat(received).doesNotContain(secret);
		JsonNode forwarded = json.readTree(received);
		assertThat(forwarded.path("type").asString()).isEqualTo("auth");
		assertThat(forwarded.path("token").asString()).isEqualTo(auth.tokenFor(secret));
		assertThat(forwarded.has("apiKey")).isFalse();
		assertThat(WebSocketEchoUpstream.handshakeHeaders.get()).doesNotContainKey("Authorization");
		client.socket.sendText("after auth", true).join();
		assertThat(client.next()).isEqualTo("echo:after auth");
	}

	@Test
	void renewsAnApiKeyConnectionBeforeItsTokenExpiresAndClosesItOnceTheKeyIsRevoked() throws Exception {
		String secret = "wdn_" + UUID.randomUUID();
		// Tokens of 63 s: with renew-before 60 s the renewal is due after the minimum 5
		// s.
		auth.addKey(secret, user(), "FREE", Duration.ofSeconds(63));
		Client client = connect("/ws/agents", Map.of("X-API-Key", secret));
		String first = auth.tokenFor(secret);
		WebSocketEchoUpstream.received.clear();
		String renewal = WebSocketEchoUpstream.received.poll(15, TimeUnit.SECONDS);
		assertThat(renewal).as("a renewal within 15 s").isNotNull();
		JsonNode message = json.readTree(renewal);
		assertThat(message.path("type").asString()).isEqualTo("auth");
		assertThat(message.path("token").asString()).isEqualTo(auth.tokenFor(secret)).isNotEqualTo(first);
		// The service's "authenticated" answer to the renewal is not passed on.
		client.socket.sendText("still here", true).join();
		assertThat(client.next()).isEqualTo("echo:still here");
		auth.revoke(secret);
		assertThat(client.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
	}

	@Test
	void spreadsWebSocketsOverTheServicesAddressesAndPassesOverAnUnreachableOne() throws Exception {
		String token = TestTokens.member(user()).build();
		WebSocketEchoUpstream.handshakeHosts.clear();
		// Three consecutive connections start at each of the three addresses once: the
		// echo, the unreachable one (passed over for the replica), the replica.
		for (int i = 0; i < 6; i++) {
			Client client = connect("/ws/agents", Map.of("Authorization", "Bearer " + token));
			client.socket.sendText("turn " + i, true).join();
			assertThat(client.next()).isEqualTo("echo:turn " + i);
			client.socket.sendClose(1000, "done").join();
		}
		List<String> hosts = new ArrayList<>(WebSocketEchoUpstream.handshakeHosts);
		assertThat(hosts).hasSize(6);
		assertThat(hosts.stream().filter((host) -> host.endsWith(":" + wsEcho.port())).count()).isEqualTo(2);
		assertThat(hosts.stream().filter((host) -> host.endsWith(":" + wsEchoReplica.port())).count()).isEqualTo(4);
	}

	@Test
	void passesTheHandshakesRequestIdToTheServiceAndBackToTheClient() throws Exception {
		String token = TestTokens.member(user()).build();
		String sent = "ws-" + UUID.randomUUID();
		Map<String, String> answer = rawHandshake("/ws/agents", "Authorization: Bearer " + token,
				"X-Request-Id: " + sent);
		assertThat(answer.get(":status")).isEqualTo("101");
		assertThat(answer.get("x-request-id")).isEqualTo(sent);
		assertThat(awaitUpstreamRequestId(sent)).isEqualTo(sent);

		// None sent (or a malformed one): the id the gateway made up, the same both ways.
		Map<String, String> made = rawHandshake("/ws/agents", "Authorization: Bearer " + token,
				"X-Request-Id: not valid!");
		String madeUp = made.get("x-request-id");
		assertThat(madeUp).isNotBlank().isNotEqualTo("not valid!");
		assertThat(awaitUpstreamRequestId(madeUp)).isEqualTo(madeUp);

		// Authenticated by the first message: the upstream handshake happens later, and
		// still carries the id.
		String firstMessage = "ws-first-" + UUID.randomUUID();
		Client client = connect("/ws/agents", Map.of("X-Request-Id", firstMessage));
		client.socket.sendText("{\"type\":\"auth\",\"version\":1,\"token\":\"" + token + "\"}", true).join();
		assertThat(json.readTree(client.next()).path("type").asString()).isEqualTo("authenticated");
		assertThat(awaitUpstreamRequestId(firstMessage)).isEqualTo(firstMessage);
	}

	@Test
	void propagatesTheServicesCloseCodeAndReason() throws Exception {
		Client client = connect("/ws/agents", Map.of("Authorization", "Bearer " + TestTokens.member(user()).build()));
		client.socket.sendText("close-me", true).join();
		assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4409);
		assertThat(client.reason).isEqualTo("replaced");
	}

	@Test
	void closesWith1013WhenTheServiceIsUnreachable() throws Exception {
		Client client = connect("/ws/terminal", Map.of("Authorization", "Bearer " + TestTokens.member(user()).build()));
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1013);
	}

	// --- helpers ----------------------------------------------------------------------

	private static String user() {
		return UUID.randomUUID().toString();
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		return send("GET", path, headers);
	}

	private HttpResponse<String> post(String path, String... headers) throws Exception {
		return send("POST", path, headers);
	}

	private HttpResponse<String> send(HttpClient client, String path, String... headers) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.headers(headers)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The access log's line of a request, parsed from the log event's message. */
	private static JsonNode accessLogLine(CapturedOutput output, String requestId) {
		List<JsonNode> lines = new ArrayList<>();
		// Written when the filter chain returns, possibly just after the client has the
		// answer, and by logback's worker thread.
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			lines.clear();
			for (String line : output.getOut().split("\\R")) {
				if (line.contains("warden.gateway.access") && line.contains(requestId)) {
					JsonNode event = json.readTree(line.substring(line.indexOf('{')));
					JsonNode message = event.get("message");
					lines.add((message != null && message.isString()) ? json.readTree(message.asString()) : event);
				}
			}
			assertThat(lines).as("access log lines for " + requestId).hasSize(1);
		});
		return lines.get(0);
	}

	private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void awaitStatus(int status, String path, String... headers) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int last = -1;
		while (System.nanoTime() < deadline) {
			last = get(path, headers).statusCode();
			if (last == status) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(last).as("status within 10 s").isEqualTo(status);
	}

	private static JsonNode problem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return json.readTree(response.body());
	}

	/** An access token like auth-service's, signed with the given key. */
	private static String signedWith(RSAKey key, String subject) {
		return TestTokens.member(subject).signedWith(key).build();
	}

	private static String tampered(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"attacker\"", "\"admin\"");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	private void publish(IdentityEvent event) throws Exception {
		awaitListenerAssignment();
		EventEnvelope<IdentityEvent> envelope = new EventEnvelope<>(EventIds.next(), event.type(),
				IdentityEvent.VERSION, "auth-service", Instant.now(), event.userId(), Actor.system("auth-service"),
				null, event);
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>(Topics.IDENTITY_EVENTS, event.userId(),
					json.writeValueAsString(envelope));
			record.headers().add(EventHeaders.EVENT_ID, envelope.id().toString().getBytes(StandardCharsets.UTF_8));
			record.headers().add(EventHeaders.EVENT_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
			producer.send(record).get(10, TimeUnit.SECONDS);
		}
	}

	/** The listener starts at the latest offset: publish only once it has partitions. */
	private void awaitListenerAssignment() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			boolean assigned = this.listeners.getListenerContainers()
				.stream()
				.allMatch((container) -> container.getAssignedPartitions() != null
						&& !container.getAssignedPartitions().isEmpty());
			if (assigned) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("identity.events listener got no partitions");
	}

	private ConfigurableApplicationContext secondGateway() {
		List<String> copied = List.of("spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "spring.kafka.bootstrap-servers", "warden.redis.address",
				"warden.security.jwks-uri", "warden.security.issuer", "warden.security.audience",
				"warden.security.public-paths", "warden.gateway.services.auth", "warden.gateway.services.command",
				"warden.gateway.services.terminal", "warden.gateway.services.llm-proxy",
				"warden.service-token.token-uri", "warden.service-token.client-id",
				"warden.service-token.client-secret", "warden.gateway.rate-limits.key-prefix", "test.echo-upstream");
		List<String> properties = new ArrayList<>();
		for (String name : copied) {
			properties.add(name + "=" + this.environment.getProperty(name, ""));
		}
		properties.add("server.port=0");
		// As arguments: they must win over application.yml.
		return new SpringApplicationBuilder(GatewayApplication.class, EchoRoutes.class)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	/**
	 * A WebSocket handshake over a plain socket, since the JDK client does not show the
	 * headers of a successful one.
	 * @return the answer's headers (names in lower case) and {@code :status}
	 */
	private Map<String, String> rawHandshake(String path, String... headers) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n").append("Host: 127.0.0.1:")
				.append(this.port)
				.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
				.append("Sec-WebSocket-Key: ")
				.append(Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes()))
				.append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			java.io.BufferedReader reader = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			Map<String, String> answer = new HashMap<>();
			answer.put(":status", reader.readLine().split(" ")[1]);
			for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
				int colon = line.indexOf(':');
				answer.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
						line.substring(colon + 1).strip());
			}
			return answer;
		}
	}

	/** A handshake as curl sends it, read to the end of the answer's body. */
	private RefusedHandshake refusedHandshake(String path, String headers) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			Map<String, String> values = new HashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				values.put(head[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
						head[i].substring(colon + 1).strip());
			}
			String body = text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(values.get("transfer-encoding"))) {
				// One chunk is all a problem needs.
				int eol = body.indexOf("\r\n");
				int size = Integer.parseInt(body.substring(0, eol).strip(), 16);
				body = body.substring(eol + 2, eol + 2 + size);
			}
			return new RefusedHandshake(Integer.parseInt(head[0].split(" ")[1]), values, body);
		}
	}

	record RefusedHandshake(int status, Map<String, String> headers, String body) {

		JsonNode problem() {
			assertThat(this.headers.get("content-type")).startsWith("application/problem+json");
			return json.readTree(this.body);
		}

	}

	/** The X-Request-Id of the service's last handshake, once it is the one expected. */
	private static String awaitUpstreamRequestId(String expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		String last = null;
		while (System.nanoTime() < deadline) {
			last = WebSocketEchoUpstream.handshakeHeaders.get()
				.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase("X-Request-Id"))
				.map((header) -> header.getValue().getFirst())
				.findFirst()
				.orElse(null);
			if (expected.equals(last)) {
				return last;
			}
			Thread.sleep(20);
		}
		return last;
	}

	/** The HTTP status of a refused handshake. */
	private int handshakeStatus(String path, Map<String, String> headers) {
		try {
			connect(path, headers).socket.abort();
		}
		catch (CompletionException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof WebSocketHandshakeException handshake) {
					return handshake.getResponse().statusCode();
				}
			}
			throw ex;
		}
		throw new AssertionError("The handshake was accepted");
	}

	private Client connect(String path, Map<String, String> headers) {
		Client client = new Client();
		WebSocket.Builder builder = this.http.newWebSocketBuilder();
		headers.forEach(builder::header);
		try {
			client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + this.port + path), client)
				.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new CompletionException(ex);
		}
		return client;
	}

	/** A test client that collects what it receives. */
	static final class Client implements WebSocket.Listener {

		WebSocket socket;

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		volatile String reason;

		private final StringBuilder partial = new StringBuilder();

		String next() throws InterruptedException {
			String text = this.texts.poll(5, TimeUnit.SECONDS);
			assertThat(text).as("a message within 5 s").isNotNull();
			return text;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.texts.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.add(bytes);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.reason = reason;
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
