package dev.warden.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seed 001 execution agent, as small as the protocol allows (docs/agents.md), connected
 * through the gateway's {@code /ws/agents}. It authenticates in its first message,
 * registers a name, and answers each command with what {@code answer} returns;
 * {@code null} means it stays silent, as a hung agent would.
 */
final class TestAgent implements WebSocket.Listener, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final Function<JsonNode, @Nullable JsonNode> answer;

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private TestAgent(URI uri, Function<JsonNode, @Nullable JsonNode> answer) {
		this.answer = answer;
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, this)
			.join();
	}

	/**
	 * Connects, authenticates with a token in the first message and registers.
	 * @param gatewayPort the gateway's port
	 * @param token the user's access token
	 * @param name the agent's name
	 * @param answer what to answer to a command, or null for silence
	 * @return the registered agent
	 */
	static TestAgent register(int gatewayPort, String token, String name,
			Function<JsonNode, @Nullable JsonNode> answer) {
		TestAgent agent = new TestAgent(URI.create("ws://localhost:" + gatewayPort + "/ws/agents"), answer);
		agent.send(Map.of("type", "auth", "version", 1, "token", token));
		agent.expect("authenticated");
		agent.send(Map.of("type", "register", "version", 1, "name", name));
		agent.expect("registered");
		return agent;
	}

	/** Waits for the next message of a type, skipping others; fails after 20 s. */
	JsonNode expect(String type) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		try {
			while (System.nanoTime() < deadline) {
				JsonNode message = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (message != null && type.equals(message.path("type").asString())) {
					return message;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new AssertionError("no '" + type + "' message within 20 s (closed: " + this.closed.getNow(null) + ")");
	}

	/** The close code the server closed this agent with, waiting up to 20 s. */
	int closeCode() throws Exception {
		return this.closed.get(20, TimeUnit.SECONDS);
	}

	private void send(Object message) {
		this.socket.sendText(JSON.writeValueAsString(message), true).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			JsonNode message = JSON.readTree(this.partial.toString());
			this.partial.setLength(0);
			this.received.add(message);
			if ("command".equals(message.path("type").asString())) {
				JsonNode result = this.answer.apply(message);
				if (result != null) {
					ObjectNode reply = JSON.createObjectNode()
						.put("type", "result")
						.put("version", 1)
						.put("command_id", message.path("command_id").asString());
					reply.set("result", result);
					webSocket.sendText(JSON.writeValueAsString(reply), true);
				}
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	@Override
	public void close() {
		if (!this.closed.isDone()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally((ex) -> null);
		}
	}

}
