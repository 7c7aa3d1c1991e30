package dev.warden.gateway.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for auth-service: its token endpoint (service tokens for the gateway) and
 * {@code /internal/v1/api-keys/exchange}, which knows the keys a test adds, issues tokens
 * from {@link TestTokens}, and counts and records its calls.
 */
final class AuthServiceStub {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Key> keys = new ConcurrentHashMap<>();

	private final AtomicInteger exchanges = new AtomicInteger();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final Map<String, String> issued = new ConcurrentHashMap<>();

	private volatile String lastExchangeAuthorization = "";

	private final HttpServer server;

	AuthServiceStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v1/auth/token", this::token);
		this.server.createContext("/internal/v1/api-keys/exchange", this::exchange);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Adds a valid key; returns its id. */
	Key addKey(String secret, String userId, String tier) {
		return addKey(secret, userId, tier, java.time.Duration.ofMinutes(5));
	}

	/** Adds a valid key whose tokens live as long as given. */
	Key addKey(String secret, String userId, String tier, java.time.Duration tokenLifetime) {
		Key key = new Key(UUID.randomUUID().toString(), userId, tier, tokenLifetime);
		this.keys.put(secret, key);
		return key;
	}

	/** The key's owner moves to another tier. */
	void changeTier(String secret, String tier) {
		this.keys.computeIfPresent(secret,
				(ignored, key) -> new Key(key.keyId(), key.userId(), tier, key.tokenLifetime()));
	}

	void revoke(String secret) {
		this.keys.remove(secret);
	}

	int exchanges() {
		return this.exchanges.get();
	}

	void failing(boolean value) {
		this.failing.set(value);
	}

	String lastExchangeAuthorization() {
		return this.lastExchangeAuthorization;
	}

	/** The last token issued for a key. */
	String tokenFor(String secret) {
		return this.issued.get(secret);
	}

	private void token(HttpExchange exchange) throws IOException {
		String token = TestTokens.service("gateway-service").build();
		respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600,"
				+ "\"scope\":\"internal\"}");
	}

	private void exchange(HttpExchange exchange) throws IOException {
		this.exchanges.incrementAndGet();
		this.lastExchangeAuthorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
		if (this.failing.get()) {
			respond(exchange, 500, "{\"title\":\"boom\"}");
			return;
		}
		JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
		String secret = body.path("key").asString("");
		Key key = this.keys.get(secret);
		if (key == null) {
			respond(exchange, 404, "{\"title\":\"Not found\"}");
			return;
		}
		String token = TestTokens.member(key.userId())
			.clientId("api-key:" + key.keyId())
			.claim("tier", key.tier())
			.lifetime(key.tokenLifetime())
			.build();
		this.issued.put(secret, token);
		respond(exchange, 200,
				"{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":"
						+ key.tokenLifetime().toSeconds() + ",\"key\":{\"keyId\":\"" + key.keyId() + "\",\"userId\":\""
						+ key.userId() + "\",\"username\":\"u\",\"role\":\"MEMBER\"," + "\"tier\":\"" + key.tier()
						+ "\",\"scopes\":[\"commands\"],\"expiresAt\":null}}");
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	void stop() {
		this.server.stop(0);
	}

	record Key(String keyId, String userId, String tier, java.time.Duration tokenLifetime) {
	}

}
