package dev.warden.gateway.websocket;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attempt the relay gave up on must neither live nor speak: once abandoned, a
 * connection that opens after all is aborted unheard, and nothing it says reaches the
 * relay or asks for more.
 */
class AbandonableListenerTests {

	private final Recording relay = new Recording();

	private final AbandonableListener listener = new AbandonableListener(this.relay);

	private final FakeWebSocket upstream = new FakeWebSocket();

	@Test
	void passesEverythingOnUntilAbandoned() {
		everyCallback();

		assertThat(this.relay.heard).containsExactly("open", "text", "binary", "ping", "pong", "close", "error");
		assertThat(this.upstream.aborted).isFalse();
	}

	@Test
	void abortsAnAbandonedConnectionThatOpensAfterAllAndHearsNothing() {
		this.listener.abandon();

		assertThat(everyCallback()).as("nothing to wait for").containsOnlyNulls();

		assertThat(this.relay.heard).isEmpty();
		assertThat(this.upstream.aborted).isTrue();
		assertThat(this.upstream.requested).as("no more messages asked for").isZero();
	}

	@Test
	void ignoresWhatAConnectionSaysOnceAbandonedMidway() {
		this.listener.onOpen(this.upstream);
		this.listener.onText(this.upstream, "before", true);
		this.listener.abandon();
		this.listener.onText(this.upstream, "after", true);
		this.listener.onClose(this.upstream, 1000, "bye");

		assertThat(this.relay.heard).containsExactly("open", "text");
	}

	private List<CompletionStage<?>> everyCallback() {
		List<CompletionStage<?>> answers = new ArrayList<>();
		this.listener.onOpen(this.upstream);
		answers.add(this.listener.onText(this.upstream, "text", true));
		answers.add(this.listener.onBinary(this.upstream, ByteBuffer.allocate(1), true));
		answers.add(this.listener.onPing(this.upstream, ByteBuffer.allocate(1)));
		answers.add(this.listener.onPong(this.upstream, ByteBuffer.allocate(1)));
		answers.add(this.listener.onClose(this.upstream, 1000, "bye"));
		this.listener.onError(this.upstream, new IllegalStateException("lost"));
		return answers;
	}

	/** Stands in for the relay's listener and notes what reached it. */
	private static final class Recording implements WebSocket.Listener {

		final List<String> heard = new ArrayList<>();

		@Override
		public void onOpen(WebSocket webSocket) {
			this.heard.add("open");
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.heard.add("text");
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			this.heard.add("binary");
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.heard.add("ping");
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			this.heard.add("pong");
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.heard.add("close");
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.heard.add("error");
		}

	}

	/** The JDK client's side of a connection, noting demand and aborts. */
	private static final class FakeWebSocket implements WebSocket {

		long requested;

		boolean aborted;

		@Override
		public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public void request(long n) {
			this.requested += n;
		}

		@Override
		public String getSubprotocol() {
			return "";
		}

		@Override
		public boolean isOutputClosed() {
			return this.aborted;
		}

		@Override
		public boolean isInputClosed() {
			return this.aborted;
		}

		@Override
		public void abort() {
			this.aborted = true;
		}

	}

}
