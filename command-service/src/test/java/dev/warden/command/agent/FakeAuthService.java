package dev.warden.command.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for auth-service's {@code POST /internal/v1/api-keys/exchange}: known keys
 * get a test token for their user, anything else the 404 problem auth-service answers
 * with.
 */
final class FakeAuthService {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, Supplier<String>> keys = new ConcurrentHashMap<>();

	private static final AtomicInteger exchanges = new AtomicInteger();

	private static HttpServer server;

	private FakeAuthService() {
	}

	static synchronized String url() {
		if (server == null) {
			try {
				server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			server.createContext("/internal/v1/api-keys/exchange", FakeAuthService::exchange);
			server.start();
		}
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Makes {@code key} a valid API key of {@code userId} with the commands scope. */
	static void key(String key, String userId) {
		keys.put(key, () -> TestTokens.member(userId).scope("commands", "llm").build());
	}

	/** Makes {@code key} a valid API key whose token lacks the commands scope. */
	static void llmOnlyKey(String key, String userId) {
		keys.put(key, () -> TestTokens.member(userId).scope("llm").build());
	}

	static int exchanges() {
		return exchanges.get();
	}

	private static void exchange(HttpExchange exchange) throws IOException {
		exchanges.incrementAndGet();
		JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
		Supplier<String> token = keys.get(request.path("key").asString(""));
		ObjectNode body = json.createObjectNode();
		int status;
		if (token == null) {
			status = 404;
			body.put("type", "https://warden.dev/problems/not-found").put("status", 404);
			exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		}
		else {
			status = 200;
			body.put("accessToken", token.get()).put("tokenType", "Bearer").put("expiresIn", 300);
			body.putObject("key")
				.put("keyId", UUID.randomUUID().toString())
				.put("userId", "ignored-the-token-says")
				.put("username", "someone")
				.put("role", "MEMBER")
				.put("tier", "FREE")
				.putNull("expiresAt")
				.putArray("scopes")
				.add("commands");
			exchange.getResponseHeaders().set("Content-Type", "application/json");
		}
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
