package dev.warden.command.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The agent connections this replica holds: the protocol on each (authenticate, register,
 * results), the commands waiting for a result, heartbeats, and this replica's side of the
 * registry and of the replica bus.
 * <p>
 * Every message is handled inside a guard: a message that is not JSON, has no type, has
 * another version or comes out of order is answered with an {@code error} message and the
 * connection stays open. Only credentials that fail, a missed deadline, silence, or
 * {@value #MAX_PROTOCOL_ERRORS} protocol errors close it.
 */
@Component
class AgentSessions implements SmartLifecycle, DisposableBean {

	/** Stops before the web server, so that agents see a clean close with a reason. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	static final int MAX_PROTOCOL_ERRORS = 100;

	private static final Logger log = LoggerFactory.getLogger(AgentSessions.class);

	private static final int SEND_TIME_LIMIT_MS = 10_000;

	private static final int SEND_BUFFER_LIMIT = 1024 * 1024;

	private static final ByteBuffer PING = ByteBuffer.wrap("warden".getBytes(StandardCharsets.US_ASCII));

	private final AgentProperties properties;

	private final AgentAuthenticator authenticator;

	private final AgentRegistry registry;

	private final ReplicaBus bus;

	private final AgentAudit audit;

	private final AgentMetrics metrics;

	private final JsonMapper json;

	/** Every open connection, by WebSocket session id. */
	private final Map<String, AgentConnection> open = new ConcurrentHashMap<>();

	/** Registered connections, by identity. */
	private final Map<AgentId, AgentConnection> registered = new ConcurrentHashMap<>();

	/** Commands sent to agents on this replica that wait for a result. */
	private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "agent-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * The heartbeat rounds while running. The scheduler itself lives as long as the bean,
	 * so that a stopped context (Spring pauses cached test contexts, for one) can start
	 * again.
	 */
	private @Nullable ScheduledFuture<?> heartbeats;

	private volatile boolean running;

	AgentSessions(AgentProperties properties, AgentAuthenticator authenticator, AgentRegistry registry, ReplicaBus bus,
			AgentAudit audit, AgentMetrics metrics, JsonMapper json) {
		this.properties = properties;
		this.authenticator = authenticator;
		this.registry = registry;
		this.bus = bus;
		this.audit = audit;
		this.metrics = metrics;
		this.json = json;
		metrics.connectedGauge(this.registered::size);
		bus.on("deliver", this::deliverForAnotherReplica);
		bus.on("close", this::closeForAnotherReplica);
	}

	// Connections

	void opened(WebSocketSession session, @Nullable AgentPrincipal principal, @Nullable String clientAddress) {
		session.setTextMessageSizeLimit((int) this.properties.maxMessageSize().toBytes());
		AgentConnection connection = new AgentConnection(new ConcurrentWebSocketSessionDecorator(session,
				SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE),
				clientAddress);
		this.open.put(session.getId(), connection);
		if (!this.running) {
			connection.close(AgentProtocol.SHUTDOWN_STATUS);
			return;
		}
		long deadline = this.properties.authTimeout().toMillis();
		connection.deadline = this.scheduler.schedule(() -> {
			if (connection.agentId == null && !connection.closed) {
				connection.close(new CloseStatus(AgentProtocol.AUTH_DEADLINE,
						"authenticate and register within " + deadline + " ms"));
			}
		}, deadline, TimeUnit.MILLISECONDS);
		if (principal != null) {
			authenticated(connection, principal);
		}
	}

	void closed(WebSocketSession session, CloseStatus status) {
		AgentConnection connection = this.open.remove(session.getId());
		if (connection == null) {
			return;
		}
		connection.closed = true;
		var deadline = connection.deadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
		CloseStatus reason = (connection.closedBecause != null) ? connection.closedBecause : status;
		this.metrics.disconnected(reason.getCode());
		for (UUID commandId : List.copyOf(connection.pending)) {
			Pending waiting = this.pending.remove(commandId);
			if (waiting != null) {
				waiting.future().complete(AgentReply.of(AgentReply.Status.DISCONNECTED));
			}
		}
		AgentId agent = connection.agentId;
		AgentPrincipal principal = connection.principal;
		if (agent == null || principal == null) {
			return;
		}
		if (this.registered.remove(agent, connection)) {
			try {
				this.registry.release(agent, connection.location(this.bus.replica()));
			}
			catch (RuntimeException ex) {
				log.warn("Could not remove agent {} from the registry; its entry runs out by itself: {}", agent.key(),
						ex.toString());
			}
		}
		log.info("Agent {} disconnected: {} {}", agent.key(), reason.getCode(), reason.getReason());
		this.audit.disconnected(connection, agent, principal, reason);
	}

	void pong(WebSocketSession session) {
		AgentConnection connection = this.open.get(session.getId());
		if (connection != null) {
			connection.touch();
		}
	}

	void received(WebSocketSession session, String text) {
		AgentConnection connection = this.open.get(session.getId());
		if (connection == null) {
			return;
		}
		connection.touch();
		try {
			handle(connection, text);
		}
		catch (RuntimeException ex) {
			log.warn("Could not handle a message from an agent", ex);
			error(connection, "internal", "The server could not handle the message.", null);
		}
	}

	void binaryReceived(WebSocketSession session) {
		AgentConnection connection = this.open.get(session.getId());
		if (connection != null) {
			connection.touch();
			protocolError(connection, "malformed",
					"Messages are JSON text; binary messages are not part of the protocol.", null);
		}
	}

	// The protocol

	private void handle(AgentConnection connection, String text) {
		JsonNode message;
		try {
			message = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			protocolError(connection, "malformed", "A message is a JSON object with a type and a version.", null);
			return;
		}
		if (!message.isObject() || !message.path("type").isString()) {
			protocolError(connection, "malformed", "A message is a JSON object with a type and a version.", null);
			return;
		}
		if (!message.path("version").isIntegralNumber() || message.path("version").asInt() != AgentProtocol.VERSION) {
			protocolError(connection, "unsupported_version",
					"This server speaks version " + AgentProtocol.VERSION + " of the agent protocol.", null);
			return;
		}
		switch (message.path("type").stringValue()) {
			case AgentProtocol.AUTH -> authenticate(connection, message);
			case AgentProtocol.REGISTER -> register(connection, message);
			case AgentProtocol.RESULT -> result(connection, message);
			case AgentProtocol.PING -> send(connection, message(AgentProtocol.PONG));
			case AgentProtocol.PONG -> {
				// Touched above.
			}
			default -> protocolError(connection, "unknown_type",
					"Unknown message type; agents send auth, register, result, ping and pong.", null);
		}
	}

	private void authenticate(AgentConnection connection, JsonNode message) {
		JsonNode token = message.path("token");
		JsonNode apiKey = message.path("apiKey");
		if (token.isString() == apiKey.isString()) {
			protocolError(connection, "malformed", "An auth message carries either token or apiKey.", null);
			return;
		}
		AgentPrincipal current = connection.principal;
		if (current != null && apiKey.isString()) {
			protocolError(connection, "already_authenticated", "This connection is authenticated already.", null);
			return;
		}
		AgentPrincipal principal;
		try {
			principal = token.isString() ? this.authenticator.token(token.stringValue())
					: this.authenticator.apiKey(apiKey.stringValue());
		}
		catch (AgentAuthenticator.Refused ex) {
			this.metrics.handshake("unauthenticated");
			connection
				.close(new CloseStatus(AgentProtocol.UNAUTHENTICATED, "authentication failed: " + ex.getMessage()));
			return;
		}
		catch (AgentAuthenticator.Unavailable ex) {
			this.metrics.handshake("unavailable");
			connection.close(AgentProtocol.tryLater("credentials cannot be checked now; try again later"));
			return;
		}
		if (current != null) {
			// A fresh token renews a token-authenticated connection, for the same user
			// only.
			if (!current.userId().equals(principal.userId())) {
				connection.close(new CloseStatus(AgentProtocol.UNAUTHENTICATED, "a renewal must be for the same user"));
				return;
			}
			connection.principal = current.renewedUntil(principal.expiresAt());
			send(connection, message(AgentProtocol.AUTHENTICATED).put("user_id", principal.userId())
				.put("username", principal.username()));
			return;
		}
		this.metrics.handshake("accepted");
		authenticated(connection, principal);
	}

	private void authenticated(AgentConnection connection, AgentPrincipal principal) {
		connection.principal = principal;
		send(connection, message(AgentProtocol.AUTHENTICATED).put("user_id", principal.userId())
			.put("username", principal.username()));
	}

	private void register(AgentConnection connection, JsonNode message) {
		AgentPrincipal principal = connection.principal;
		if (principal == null) {
			protocolError(connection, "unauthenticated",
					"Authenticate first: {\"type\":\"auth\",\"version\":1,\"token\":\"...\"} or apiKey.", null);
			return;
		}
		if (connection.agentId != null) {
			protocolError(connection, "already_registered", "This connection is registered as "
					+ connection.agentId.name() + "; open another to register again.", null);
			return;
		}
		JsonNode name = message.path("name");
		if (!name.isString() || !AgentProtocol.NAME.matcher(name.stringValue()).matches()) {
			error(connection, "invalid_name",
					"An agent name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
					null);
			return;
		}
		AgentId agent = new AgentId(principal.userId(), name.stringValue());
		AgentLocation location = connection.location(this.bus.replica());
		Optional<AgentLocation> previous;
		try {
			previous = this.registry.claim(agent, location);
		}
		catch (TooManyAgentsException ex) {
			error(connection, "too_many_agents", "Disconnect one of your other agents first: " + ex.getMessage() + ".",
					null);
			connection.close(new CloseStatus(AgentProtocol.TOO_MANY_AGENTS, ex.getMessage()));
			return;
		}
		catch (RuntimeException ex) {
			log.warn("Could not register agent {}: {}", agent.key(), ex.toString());
			connection.close(AgentProtocol.tryLater("the agent registry is unavailable; try again later"));
			return;
		}
		connection.agentId = agent;
		var deadline = connection.deadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
		AgentConnection local = this.registered.put(agent, connection);
		boolean replaced = false;
		if (local != null && local != connection) {
			local.close(AgentProtocol.REPLACED_STATUS);
			replaced = true;
		}
		if (previous.isPresent() && !previous.get().replica().equals(this.bus.replica())) {
			ObjectNode close = this.bus.message()
				.put("userId", agent.userId())
				.put("name", agent.name())
				.put("connectionId", previous.get().connectionId());
			this.bus.publish(previous.get().replica(), "close", close);
			replaced = true;
		}
		if (connection.closed) {
			// It closed while registering; undo what closed() could not see.
			this.registered.remove(agent, connection);
			this.registry.release(agent, location);
			return;
		}
		send(connection, message(AgentProtocol.REGISTERED).put("name", agent.name())
			.put("heartbeat_seconds", this.properties.heartbeatInterval().toSeconds()));
		log.info("Agent {} connected{}", agent.key(), replaced ? ", replacing an older connection" : "");
		this.audit.connected(connection, agent, principal, this.bus.replica());
		if (replaced) {
			this.audit.replaced(connection, agent, principal, previous.orElse(null));
		}
	}

	private void result(AgentConnection connection, JsonNode message) {
		if (connection.agentId == null) {
			protocolError(connection, "unregistered", "Register before sending results.", null);
			return;
		}
		UUID commandId;
		try {
			commandId = UUID.fromString(message.path("command_id").asString(""));
		}
		catch (IllegalArgumentException ex) {
			protocolError(connection, "malformed", "A result carries the command_id of its command.", null);
			return;
		}
		Pending waiting = this.pending.get(commandId);
		if (waiting == null || waiting.connection() != connection) {
			// Late (after its timeout), duplicated, or never sent to this agent.
			log.info("Ignored a result for unknown command {} from agent {}", commandId, connection.agentId.key());
			return;
		}
		waiting.future().complete(AgentReply.delivered(message));
	}

	// Sending commands

	boolean isLocal(AgentId agent) {
		AgentConnection connection = this.registered.get(agent);
		return connection != null && !connection.closed;
	}

	List<AgentId> localAgents() {
		return List.copyOf(this.registered.keySet());
	}

	List<String> localNamesOf(String userId) {
		return this.registered.keySet().stream().filter((id) -> id.userId().equals(userId)).map(AgentId::name).toList();
	}

	/**
	 * Sends a command to an agent connected to this replica.
	 * @param agent the agent
	 * @param command the command
	 * @param timeout how long to wait for its result
	 * @return the reply, which always completes: with the result, a timeout, a
	 * disconnect, or "not connected"
	 */
	CompletableFuture<AgentReply> send(AgentId agent, AgentCommand command, Duration timeout) {
		AgentConnection connection = this.registered.get(agent);
		if (connection == null || connection.closed) {
			return CompletableFuture.completedFuture(AgentReply.of(AgentReply.Status.NOT_CONNECTED));
		}
		CompletableFuture<AgentReply> future = new CompletableFuture<>();
		Pending waiting = new Pending(connection, future);
		if (this.pending.putIfAbsent(command.commandId(), waiting) != null) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("Command " + command.commandId() + " is already waiting"));
		}
		connection.pending.add(command.commandId());
		future.whenComplete((reply, failure) -> {
			this.pending.remove(command.commandId(), waiting);
			connection.pending.remove(command.commandId());
		});
		future.completeOnTimeout(AgentReply.of(AgentReply.Status.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (connection.closed) {
			// closed() may have swept the pending commands before this one was added.
			future.complete(AgentReply.of(AgentReply.Status.DISCONNECTED));
			return future;
		}
		try {
			connection.send(this.json.writeValueAsString(command.toMessage(this.json)));
		}
		catch (IOException | RuntimeException ex) {
			log.info("Could not send a command to agent {}: {}", agent.key(), ex.toString());
			future.complete(AgentReply.of(AgentReply.Status.DISCONNECTED));
			connection.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
		return future;
	}

	private void deliverForAnotherReplica(JsonNode message) {
		String from = message.path("from").asString();
		AgentId agent = new AgentId(message.path("userId").asString(), message.path("name").asString());
		AgentCommand command = AgentCommand.fromMessage(message.path("command"));
		// The asking replica times the request; this side only has to outlast it.
		Duration timeout = Duration.ofMillis(message.path("timeoutMs").asLong()).plusSeconds(2);
		send(agent, command, timeout).thenAccept((reply) -> {
			if (reply.status() == AgentReply.Status.TIMEOUT) {
				return;
			}
			ObjectNode answer = this.bus.message()
				.put("commandId", command.commandId().toString())
				.put("status", reply.status().tag());
			if (reply.message() != null) {
				answer.set("result", reply.message());
			}
			try {
				this.bus.publish(from, "reply", answer);
			}
			catch (RuntimeException ex) {
				log.warn("Could not return an agent's reply to replica {}: {}", from, ex.toString());
			}
		});
	}

	private void closeForAnotherReplica(JsonNode message) {
		AgentId agent = new AgentId(message.path("userId").asString(), message.path("name").asString());
		AgentConnection connection = this.registered.get(agent);
		if (connection != null && connection.id.equals(message.path("connectionId").asString())) {
			connection.close(AgentProtocol.REPLACED_STATUS);
		}
	}

	// Heartbeats

	private void heartbeat() {
		long now = System.nanoTime();
		for (AgentConnection connection : this.open.values()) {
			AgentId agent = connection.agentId;
			AgentPrincipal principal = connection.principal;
			if (agent == null || principal == null || connection.closed) {
				continue;
			}
			if (now - connection.lastSeenNanos > this.properties.heartbeatTimeout().toNanos()) {
				connection.close(new CloseStatus(AgentProtocol.HEARTBEAT,
						"no heartbeat answer for " + this.properties.heartbeatTimeout().toSeconds() + " s"));
				continue;
			}
			try {
				connection.send(new PingMessage(PING.duplicate()));
			}
			catch (IOException | RuntimeException ex) {
				connection.close(CloseStatus.SESSION_NOT_RELIABLE);
				continue;
			}
			if (principal.expiresAt().isBefore(Instant.now())) {
				recheck(connection, principal);
			}
			try {
				if (!this.registry.renew(agent, connection.location(this.bus.replica()))) {
					connection.close(AgentProtocol.REPLACED_STATUS);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not renew agent {} in the registry: {}", agent.key(), ex.toString());
			}
		}
	}

	/**
	 * A token cannot be renewed by the server, so the connection ends with it; an API key
	 * is checked again, so that a revoked key stops its agent within one token lifetime.
	 */
	private void recheck(AgentConnection connection, AgentPrincipal principal) {
		String apiKey = principal.apiKey();
		if (apiKey == null) {
			connection.close(new CloseStatus(AgentProtocol.UNAUTHENTICATED,
					"the access token expired; reconnect with a fresh one or send a new auth message before expiry"));
			return;
		}
		if (!connection.revalidating.compareAndSet(false, true)) {
			return;
		}
		Thread.ofVirtual().name("agent-recheck").start(() -> {
			try {
				AgentPrincipal renewed = this.authenticator.apiKey(apiKey);
				if (!renewed.userId().equals(principal.userId())) {
					connection.close(new CloseStatus(AgentProtocol.UNAUTHENTICATED, "the API key changed hands"));
					return;
				}
				connection.principal = principal.renewedUntil(renewed.expiresAt());
			}
			catch (AgentAuthenticator.Refused ex) {
				connection.close(new CloseStatus(AgentProtocol.UNAUTHENTICATED, "the API key is no longer valid"));
			}
			catch (AgentAuthenticator.Unavailable ex) {
				connection.close(AgentProtocol.tryLater("the API key cannot be checked now; try again later"));
			}
			finally {
				connection.revalidating.set(false);
			}
		});
	}

	// Messages

	private ObjectNode message(String type) {
		ObjectNode message = this.json.createObjectNode();
		message.put("type", type);
		message.put("version", AgentProtocol.VERSION);
		return message;
	}

	private void protocolError(AgentConnection connection, String code, String text, @Nullable UUID commandId) {
		error(connection, code, text, commandId);
		if (connection.protocolErrors.incrementAndGet() >= MAX_PROTOCOL_ERRORS) {
			connection.close(new CloseStatus(AgentProtocol.PROTOCOL, "too many protocol errors"));
		}
	}

	private void error(AgentConnection connection, String code, String text, @Nullable UUID commandId) {
		ObjectNode error = message(AgentProtocol.ERROR).put("code", code).put("message", text);
		if (commandId != null) {
			error.put("command_id", commandId.toString());
		}
		send(connection, error);
	}

	private void send(AgentConnection connection, ObjectNode message) {
		try {
			connection.send(this.json.writeValueAsString(message));
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not send to an agent", ex);
			connection.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	// Lifecycle

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		long interval = this.properties.heartbeatInterval().toMillis();
		this.heartbeats = this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				heartbeat();
			}
			catch (RuntimeException ex) {
				log.warn("Agent heartbeat round failed", ex);
			}
		}, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		for (AgentConnection connection : this.open.values()) {
			connection.close(AgentProtocol.SHUTDOWN_STATUS);
		}
		if (this.heartbeats != null) {
			this.heartbeats.cancel(false);
			this.heartbeats = null;
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private record Pending(AgentConnection connection, CompletableFuture<AgentReply> future) {
	}

}
