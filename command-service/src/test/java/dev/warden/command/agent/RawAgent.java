package dev.warden.command.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-driven agent for the cases the real client never produces: silence, malformed
 * messages, late results, dropping the connection mid-command. It records every message
 * and how the connection ended.
 */
final class RawAgent implements AutoCloseable {

	/** Generous: a slow, busy CI machine must not fail a test by waiting too little. */
	static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.builder().build();

	final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	final CompletableFuture<Closed> closed = new CompletableFuture<>();

	final AtomicInteger pings = new AtomicInteger();

	private WebSocket socket;

	private RawAgent() {
	}

	static RawAgent connect(URI url, Map<String, String> headers) {
		RawAgent agent = new RawAgent();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		headers.forEach(builder::header);
		agent.socket = builder.buildAsync(url, agent.new Listener()).join();
		return agent;
	}

	/** Connects and returns the handshake's HTTP status if it is refused, or 101. */
	static int handshakeStatus(URI url, Map<String, String> headers) {
		try {
			RawAgent agent = connect(url, headers);
			agent.close();
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	static ObjectNode message(String type) {
		return json.createObjectNode().put("type", type).put("version", 1);
	}

	void send(String text) {
		synchronized (this) {
			this.socket.sendText(text, true).join();
		}
	}

	void send(ObjectNode message) {
		send(json.writeValueAsString(message));
	}

	/** Waits for the next message of a type, skipping others. */
	JsonNode next(String type) throws InterruptedException {
		return nextOf(type);
	}

	/** Waits for the next message of any of these types, skipping others. */
	JsonNode nextOf(String... types) throws InterruptedException {
		List<String> wanted = List.of(types);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode message = this.received.poll(100, TimeUnit.MILLISECONDS);
			if (message != null && wanted.contains(message.path("type").asString())) {
				return message;
			}
		}
		throw new AssertionError("No " + wanted + " message within " + WAIT);
	}

	RawAgent register(String name) throws InterruptedException {
		send(message("register").put("name", name));
		assertThat(next("registered").path("name").asString()).isEqualTo(name);
		return this;
	}

	RawAgent authenticate(String token) throws InterruptedException {
		send(message("auth").put("token", token));
		next("authenticated");
		return this;
	}

	void answer(JsonNode command, ObjectNode result) {
		send(result.put("type", "result").put("version", 1).put("command_id", command.path("command_id").asString()));
	}

	Closed awaitClose() {
		return this.closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	boolean isOpen() {
		return !this.closed.isDone();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
		}
		this.socket.abort();
	}

	record Closed(int code, String reason) {
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				RawAgent.this.received.add(json.readTree(this.text.toString()));
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			RawAgent.this.pings.incrementAndGet();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RawAgent.this.closed.complete(new Closed(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RawAgent.this.closed.complete(new Closed(1006, String.valueOf(error)));
		}

	}

}
