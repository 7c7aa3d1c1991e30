package dev.warden.command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for rules-service's evaluation endpoint and auth-service's token endpoint, so
 * that command-service's tests choose the decisions and can take the policy away. The
 * real engine is tested in rules-service; the launcher test runs both together.
 * <p>
 * Decisions: a command containing {@code rm -rf} is blocked by rule {@code no-rm-rf}; one
 * starting with {@code echo deploy} needs approval (rule {@code deploys}); everything
 * else is allowed. Every command costs one credit, or {@code N} when it contains
 * {@code #cost=N}.
 */
public final class RulesServiceStub {

	/** How the stub answers. */
	public enum Mode {

		/** Decisions as described. */
		NORMAL,

		/** 500 for every evaluation. */
		FAILING,

		/** Answers after ten seconds, past any time limit. */
		SLOW

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);

	private static final AtomicInteger evaluations = new AtomicInteger();

	private static final AtomicInteger tokenRequests = new AtomicInteger();

	private static final AtomicReference<String> lastAuthorization = new AtomicReference<>("");

	private static final AtomicReference<String> lastRequestId = new AtomicReference<>("");

	private static final AtomicReference<String> lastTraceParent = new AtomicReference<>("");

	private static HttpServer server;

	private RulesServiceStub() {
	}

	/**
	 * Points command-service at the stub.
	 * @param registry the test's properties
	 */
	public static synchronized void register(DynamicPropertyRegistry registry) {
		String base = "http://127.0.0.1:" + start().getAddress().getPort();
		registry.add("warden.policy.url", () -> base);
		registry.add("warden.service-token.token-uri", () -> base + "/token");
		registry.add("warden.service-token.client-id", () -> "command-service");
		registry.add("warden.service-token.client-secret", () -> "test-secret");
	}

	/**
	 * Sets how the stub answers.
	 * @param next the mode
	 */
	public static void mode(Mode next) {
		mode.set(next);
	}

	/**
	 * How many evaluations were asked for.
	 * @return the count
	 */
	public static int evaluations() {
		return evaluations.get();
	}

	/**
	 * The Authorization header of the last evaluation.
	 * @return the header
	 */
	public static String lastAuthorization() {
		return lastAuthorization.get();
	}

	/**
	 * The {@code X-Request-Id} header of the last evaluation.
	 * @return the header, or {@code "null"}
	 */
	public static String lastRequestId() {
		return lastRequestId.get();
	}

	/**
	 * The W3C {@code traceparent} header of the last evaluation.
	 * @return the header, or {@code "null"}
	 */
	public static String lastTraceParent() {
		return lastTraceParent.get();
	}

	private static synchronized HttpServer start() {
		if (server == null) {
			try {
				server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			server.createContext("/internal/v1/evaluate", RulesServiceStub::evaluate);
			server.createContext("/token", RulesServiceStub::token);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
		}
		return server;
	}

	private static void evaluate(HttpExchange exchange) throws IOException {
		evaluations.incrementAndGet();
		lastAuthorization.set(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		lastRequestId.set(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
		lastTraceParent.set(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
		JsonNode question = json.readTree(exchange.getRequestBody().readAllBytes());
		switch (mode.get()) {
			case FAILING -> {
				send(exchange, 500, Map.of("title", "Internal error"));
				return;
			}
			case SLOW -> {
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			case NORMAL -> {
			}
		}
		String command = question.get("command").asString();
		int cost = 1;
		int marker = command.indexOf("#cost=");
		if (marker >= 0) {
			cost = Integer.parseInt(command.substring(marker + 6).replaceAll("\\D.*", ""));
		}
		String decision = "ALLOW";
		String rule = null;
		if (command.contains("rm -rf")) {
			decision = "BLOCK";
			rule = "no-rm-rf";
		}
		else if (command.startsWith("echo deploy")) {
			decision = "REQUIRE_APPROVAL";
			rule = "deploys";
		}
		var matches = (rule != null) ? java.util.List.of(Map.of("ruleId", UUID.nameUUIDFromBytes(rule.getBytes()),
				"ruleName", rule, "ruleVersion", 1, "action", decision, "segment", command)) : java.util.List.of();
		send(exchange, 200,
				Map.of("decision", decision, "matches", matches, "commands", java.util.List.of(), "concerns",
						java.util.List.of(), "cost", cost, "policyVersion", 7, "explanation",
						(rule != null) ? "Rule " + rule + " decides " + decision : "No rule matched; allowed"));
	}

	private static void token(HttpExchange exchange) throws IOException {
		tokenRequests.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		send(exchange, 200, Map.of("access_token", TestTokens.service("command-service").build(), "token_type",
				"Bearer", "expires_in", 300));
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
