package dev.warden.command.agent;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/** One agent's WebSocket connection on this replica, and where it is in the protocol. */
final class AgentConnection {

	final String id = UUID.randomUUID().toString();

	final WebSocketSession session;

	final Instant openedAt = Instant.now();

	final @Nullable String clientAddress;

	/** The commands sent on this connection that wait for their result. */
	final Set<UUID> pending = ConcurrentHashMap.newKeySet();

	final AtomicInteger protocolErrors = new AtomicInteger();

	final AtomicBoolean revalidating = new AtomicBoolean();

	volatile @Nullable AgentPrincipal principal;

	volatile @Nullable AgentId agentId;

	volatile long lastSeenNanos = System.nanoTime();

	volatile boolean closed;

	/** Why this side closed the connection, for the audit trail. */
	volatile @Nullable CloseStatus closedBecause;

	volatile @Nullable ScheduledFuture<?> deadline;

	AgentConnection(WebSocketSession session, @Nullable String clientAddress) {
		this.session = session;
		this.clientAddress = clientAddress;
	}

	void touch() {
		this.lastSeenNanos = System.nanoTime();
	}

	void send(String text) throws IOException {
		send(new TextMessage(text));
	}

	void send(WebSocketMessage<?> message) throws IOException {
		this.session.sendMessage(message);
	}

	AgentLocation location(String replica) {
		return new AgentLocation(replica, this.id);
	}

	/**
	 * Closes the connection, remembering the first reason given.
	 * @param status the close code and reason
	 */
	void close(CloseStatus status) {
		if (this.closedBecause == null) {
			this.closedBecause = status;
		}
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// The connection is already gone; closing it is all that was wanted.
		}
	}

}
