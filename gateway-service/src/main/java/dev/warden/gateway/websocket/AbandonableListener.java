package dev.warden.gateway.websocket;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * Stands between the JDK client and the relay's listener of one attempt to open an
 * upstream WebSocket. Once the relay gives up on the attempt ({@link #abandon()}: it did
 * not open in time, or the relay's thread was interrupted), the connection must neither
 * live nor speak: a connection that opens after all is aborted, and whatever it still
 * says is ignored and no more is asked for. This is the one place that knows about
 * abandoned attempts, so the listener behind it need not check in every callback.
 */
final class AbandonableListener implements WebSocket.Listener {

	/** What an abandoned connection talks to: it hears nothing and asks for nothing. */
	private static final WebSocket.Listener DEAF = new WebSocket.Listener() {

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.abort();
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
		}

	};

	private final WebSocket.Listener listener;

	private volatile boolean abandoned;

	AbandonableListener(WebSocket.Listener listener) {
		this.listener = listener;
	}

	/** From now on the connection is ignored, and aborted should it open. */
	void abandon() {
		this.abandoned = true;
	}

	private WebSocket.Listener current() {
		return this.abandoned ? DEAF : this.listener;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		current().onOpen(webSocket);
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		return current().onText(webSocket, data, last);
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		return current().onBinary(webSocket, data, last);
	}

	@Override
	public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		return current().onPing(webSocket, message);
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		return current().onPong(webSocket, message);
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		return current().onClose(webSocket, statusCode, reason);
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		current().onError(webSocket, error);
	}

}
