package dev.warden.gateway.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import dev.warden.platform.observability.RequestIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One relayed connection: the client's WebSocket (terminated by the gateway) and the
 * upstream WebSocket to the service (a JDK client).
 * <p>
 * Order and backpressure: upstream messages are requested one at a time and the next is
 * requested only once the previous one was written to the client; a client message is
 * handed upstream before the container reads the next one. A side that does not take a
 * message within the send timeout is disconnected. Close codes and reasons travel both
 * ways; an upstream that fails or cannot be reached closes the client with 1011 or 1013.
 * The upstream is opened at the service's addresses in turn: one that cannot be reached
 * is passed over for the next.
 */
final class Relay {

	private static final Logger log = LoggerFactory.getLogger(Relay.class);

	private final WebSocketSession client;

	private final ReentrantLock clientSends = new ReentrantLock();

	private final ReentrantLock upstreamSends = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Set while the service's answer to a renewal the gateway sent is still to come. */
	private final AtomicBoolean renewing = new AtomicBoolean();

	private final WebSocketRelayProperties properties;

	private volatile @Nullable WebSocket upstream;

	private volatile long lastClientActivity = System.nanoTime();

	Relay(WebSocketSession client, WebSocketRelayProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	boolean isConnected() {
		return this.upstream != null;
	}

	/**
	 * Opens the upstream WebSocket at the first of the service's addresses that accepts
	 * it. An address that cannot be reached, does not open in time or answers the
	 * handshake with anything but 101, 401 or 403 is passed over for the next: nothing
	 * was relayed yet, so trying another replica repeats nothing. A 401 or 403 is the
	 * service's answer to the credentials, the same at every replica. However many
	 * addresses there are, the whole attempt ends at the connect deadline: no address is
	 * tried, or waited for, past it, so dead replicas cost the client at most that long
	 * rather than one connect timeout each.
	 * @param http the client
	 * @param uris the service's WebSocket at each of its addresses, in the order to try
	 * @param token the verified JWT for the upstream handshake, or {@code null} when the
	 * credentials travel in the first message
	 * @param requestId the client handshake's request id, sent on as {@code X-Request-Id}
	 * @return whether the upstream is open; if not, the client was closed (1008 when the
	 * service refused the credentials, 1013 when no address could be opened)
	 */
	boolean connect(HttpClient http, List<URI> uris, @Nullable String token, @Nullable String requestId) {
		long deadline = System.nanoTime() + this.properties.connectDeadline().toNanos();
		for (URI uri : uris) {
			if (this.closed.get()) {
				return false; // the client left meanwhile
			}
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (!left.isPositive()) {
				log.warn("No address of the service opened within {}", this.properties.connectDeadline());
				break;
			}
			switch (attempt(http, uri, token, requestId, left)) {
				case OPEN -> {
					return stillWanted();
				}
				case REFUSED -> {
					closeClient(CloseStatus.POLICY_VIOLATION.withReason("The service refused the credentials"));
					return false;
				}
				case INTERRUPTED -> {
					closeClient(CloseStatus.SERVICE_OVERLOAD);
					return false;
				}
				case UNAVAILABLE -> {
					// the next address
				}
			}
		}
		closeClient(CloseStatus.SERVICE_OVERLOAD.withReason("The service is not available"));
		return false;
	}

	private Attempt attempt(HttpClient http, URI uri, @Nullable String token, @Nullable String requestId,
			Duration left) {
		Duration timeout = this.properties.connectTimeout();
		// The JDK's own limit first; the wait below is the fallback should it not fire.
		// Neither reaches past the deadline of the whole connect.
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(shorter(timeout, left));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		if (requestId != null) {
			builder.header(RequestIds.HEADER, requestId);
		}
		AbandonableListener listener = new AbandonableListener(new UpstreamListener());
		CompletableFuture<WebSocket> opening = builder.buildAsync(uri, listener);
		try {
			this.upstream = opening.get(shorter(timeout.plusSeconds(1), left).toNanos(), TimeUnit.NANOSECONDS);
			return Attempt.OPEN;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof WebSocketHandshakeException handshake) {
				int status = handshake.getResponse().statusCode();
				log.info("Upstream {} refused the WebSocket handshake with HTTP {}", describe(uri), status);
				return (status == 401 || status == 403) ? Attempt.REFUSED : Attempt.UNAVAILABLE;
			}
			log.warn("Upstream {} unreachable: {}", describe(uri), cause.toString());
			return Attempt.UNAVAILABLE;
		}
		catch (TimeoutException ex) {
			log.warn("Upstream {} did not open in time", describe(uri));
			abandon(opening, listener);
			return Attempt.UNAVAILABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon(opening, listener);
			return Attempt.INTERRUPTED;
		}
	}

	private static Duration shorter(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	/**
	 * Whether the client is still there now that the upstream is open; if not, it goes.
	 */
	private boolean stillWanted() {
		WebSocket target = this.upstream;
		if (this.closed.get() && target != null) {
			target.abort();
			return false;
		}
		return true;
	}

	/** A connection given up on that might still open: it must neither live nor speak. */
	private static void abandon(CompletableFuture<WebSocket> opening, AbandonableListener listener) {
		listener.abandon();
		opening.thenAccept(WebSocket::abort);
	}

	private static String describe(URI uri) {
		return uri.getHost() + ":" + uri.getPort() + uri.getPath();
	}

	/**
	 * Hands a client message upstream, waiting until it is sent.
	 * @param message the message
	 */
	void fromClient(WebSocketMessage<?> message) {
		this.lastClientActivity = System.nanoTime();
		toUpstream(message);
	}

	/**
	 * Renews the upstream connection's authentication with a fresh token; the service's
	 * {@code authenticated} answer is not passed on, since the client did not ask.
	 * @param authMessage the {@code auth} message with the fresh token
	 */
	void renew(String authMessage) {
		this.renewing.set(true);
		toUpstream(new TextMessage(authMessage));
	}

	private void toUpstream(WebSocketMessage<?> message) {
		WebSocket target = this.upstream;
		if (target == null || this.closed.get()) {
			return;
		}
		this.upstreamSends.lock();
		try {
			CompletionStage<WebSocket> sent;
			if (message instanceof TextMessage text) {
				sent = target.sendText(text.getPayload(), true);
			}
			else if (message instanceof BinaryMessage binary) {
				sent = target.sendBinary(binary.getPayload(), true);
			}
			else if (message instanceof org.springframework.web.socket.PongMessage pong) {
				// The client's own answer to a ping the service sent through us.
				sent = target.sendPong(pong.getPayload());
			}
			else {
				return;
			}
			sent.toCompletableFuture().get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail(CloseStatus.SERVER_ERROR.withReason("Relay interrupted"));
		}
		catch (ExecutionException | TimeoutException | CompletionException | IllegalStateException ex) {
			log.warn("Message not relayed to the service: {}", ex.toString());
			fail(CloseStatus.SERVER_ERROR.withReason("The service connection failed"));
		}
		finally {
			this.upstreamSends.unlock();
		}
	}

	/** The client went away: tell the service, with the client's close code. */
	void clientClosed(CloseStatus status) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		WebSocket target = this.upstream;
		if (target == null) {
			return;
		}
		if (status.getCode() == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			target.abort();
			return;
		}
		try {
			target.sendClose(upstreamCode(status.getCode()), reason(status.getReason()))
				.orTimeout(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.exceptionally((ex) -> {
					target.abort();
					return target;
				});
		}
		catch (RuntimeException ex) {
			target.abort();
		}
	}

	/** Pings the client, or closes an idle one. */
	void heartbeat() {
		if (this.closed.get() || !this.client.isOpen()) {
			return;
		}
		Duration idle = Duration.ofNanos(System.nanoTime() - this.lastClientActivity);
		if (idle.compareTo(this.properties.idleTimeout()) > 0) {
			fail(CloseStatus.SESSION_NOT_RELIABLE.withReason("No message or pong from the client"));
			return;
		}
		sendToClient(new PingMessage(ByteBuffer.wrap("warden".getBytes(StandardCharsets.US_ASCII))));
	}

	void clientActive() {
		this.lastClientActivity = System.nanoTime();
	}

	/** Closes both sides, the client with the given status. */
	void fail(CloseStatus status) {
		WebSocket target = this.upstream;
		boolean first = this.closed.compareAndSet(false, true);
		// The client first: the service answers the close below with its own (1000), and
		// that answer, relayed, must not overtake the reason the gateway gives the
		// client.
		closeClient(status);
		if (first && target != null) {
			try {
				target.sendClose(WebSocket.NORMAL_CLOSURE, "gateway closed the relay")
					.orTimeout(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
					.exceptionally((ex) -> {
						target.abort();
						return target;
					});
			}
			catch (RuntimeException ex) {
				target.abort();
			}
		}
	}

	void closeClient(CloseStatus status) {
		this.closed.set(true);
		this.clientSends.lock();
		try {
			if (this.client.isOpen()) {
				this.client.close(status);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Client close failed", ex);
		}
		finally {
			this.clientSends.unlock();
		}
	}

	private boolean sendToClient(WebSocketMessage<?> message) {
		this.clientSends.lock();
		try {
			if (!this.client.isOpen()) {
				return false;
			}
			this.client.sendMessage(message);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Message not relayed to the client: {}", ex.toString());
			return false;
		}
		finally {
			this.clientSends.unlock();
		}
	}

	/** The JDK client may not send these codes; they become "going away". */
	static int upstreamCode(int code) {
		return switch (code) {
			case 1002, 1003, 1006, 1007, 1009, 1010, 1012, 1013, 1015 -> 1001;
			default -> (code >= 1000 && code <= 4999) ? code : 1001;
		};
	}

	/** Codes a WebSocket endpoint never sends, and what the client hears instead. */
	static CloseStatus clientStatus(int code, String reason) {
		return switch (code) {
			case 1005 -> CloseStatus.NORMAL;
			case 1006, 1015 -> CloseStatus.SERVER_ERROR.withReason("The service connection was lost");
			default -> new CloseStatus(code, reason(reason));
		};
	}

	/** A close reason is at most 123 bytes of UTF-8. */
	static String reason(@Nullable String reason) {
		if (reason == null) {
			return "";
		}
		String result = reason;
		while (result.getBytes(StandardCharsets.UTF_8).length > 123) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	/** How one attempt to open the upstream ended. */
	private enum Attempt {

		OPEN, REFUSED, UNAVAILABLE, INTERRUPTED

	}

	/**
	 * Relays what the service sends, one message at a time. Behind an
	 * {@link AbandonableListener}, which keeps an attempt the relay gave up on from
	 * reaching it.
	 */
	private final class UpstreamListener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (this.text.length() > Relay.this.properties.maxMessageSize().toBytes()) {
				fail(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message from the service too large"));
				return null;
			}
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				if (Relay.this.renewing.get() && message.contains("\"authenticated\"")
						&& Relay.this.renewing.compareAndSet(true, false)) {
					webSocket.request(1);
					return null; // the answer to the gateway's own renewal
				}
				if (!sendToClient(new TextMessage(message))) {
					fail(CloseStatus.GOING_AWAY);
					return null;
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (this.binary.size() > Relay.this.properties.maxMessageSize().toBytes()) {
				fail(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message from the service too large"));
				return null;
			}
			if (last) {
				byte[] message = this.binary.toByteArray();
				this.binary.reset();
				if (!sendToClient(new BinaryMessage(message))) {
					fail(CloseStatus.GOING_AWAY);
					return null;
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			// The JDK answers the service itself; the client is pinged too, so that its
			// own pong (relayed back) tells the service the client is alive.
			byte[] payload = new byte[message.remaining()];
			message.get(payload);
			sendToClient(new PingMessage(ByteBuffer.wrap(payload)));
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			Relay.this.closed.set(true);
			closeClient(clientStatus(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			log.warn("Service WebSocket failed: {}", error.toString());
			Relay.this.closed.set(true);
			closeClient(CloseStatus.SERVER_ERROR.withReason("The service connection failed"));
		}

	}

}
