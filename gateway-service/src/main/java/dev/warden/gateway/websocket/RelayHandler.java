package dev.warden.gateway.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.gateway.upstream.RoundRobin;
import dev.warden.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Relays one WebSocket route ({@code /ws/agents} or {@code /ws/terminal}) to its service.
 * <p>
 * A connection authenticated in its handshake is connected upstream at once, with the
 * verified JWT in the upstream handshake's {@code Authorization} header. Otherwise its
 * first message must be docs/agents.md's {@code {"type":"auth","version":1,"token":…}} or
 * {@code …"apiKey":…}, within the auth timeout: the gateway verifies it, opens the
 * upstream without handshake credentials and sends the same message upstream with the
 * verified JWT as {@code token} (an API key never leaves the gateway). Anything else
 * closes the connection with 1008. Either way the upstream handshake carries the client
 * handshake's {@code X-Request-Id} ({@link HandshakeRequestId}).
 */
final class RelayHandler implements WebSocketHandler {

	private static final String RELAY = "warden.relay";

	/** Renewals are never closer together than this. */
	private static final Duration MIN_RENEWAL_DELAY = Duration.ofSeconds(5);

	private final String route;

	private final RoundRobin upstreams;

	private final HttpClient http;

	private final EdgeCredentials credentials;

	private final WebSocketRelayProperties properties;

	private final ScheduledExecutorService timers;

	private final AtomicInteger open;

	private final JsonMapper json;

	private final boolean renewsApiKeyTokens;

	/**
	 * @param renewsApiKeyTokens whether the service speaks docs/agents.md's protocol, in
	 * which a fresh {@code auth} message renews a connection's token
	 */
	RelayHandler(String route, RoundRobin upstreams, HttpClient http, EdgeCredentials credentials,
			WebSocketRelayProperties properties, ScheduledExecutorService timers, AtomicInteger open, JsonMapper json,
			boolean renewsApiKeyTokens) {
		this.renewsApiKeyTokens = renewsApiKeyTokens;
		this.route = route;
		this.upstreams = upstreams;
		this.http = http;
		this.credentials = credentials;
		this.properties = properties;
		this.timers = timers;
		this.open = open;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.open.incrementAndGet();
		Relay relay = new Relay(session, this.properties);
		session.getAttributes().put(RELAY, relay);
		long ping = this.properties.pingInterval().toMillis();
		ScheduledFuture<?> heartbeat = this.timers.scheduleWithFixedDelay(
				() -> Thread.ofVirtual().start(relay::heartbeat), ping, ping, TimeUnit.MILLISECONDS);
		session.getAttributes().put(RELAY + ".heartbeat", heartbeat);
		String token = (String) session.getAttributes().get(HandshakeAuthenticator.TOKEN);
		if (token != null) {
			if (relay.connect(this.http, upstreamUris(session), token,
					HandshakeRequestId.of(session.getAttributes()))) {
				scheduleRenewal(session, relay, token);
			}
			return;
		}
		ScheduledFuture<?> deadline = this.timers.schedule(() -> {
			if (!relay.isConnected()) {
				relay.closeClient(CloseStatus.POLICY_VIOLATION.withReason("Authentication required"));
			}
		}, this.properties.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
		session.getAttributes().put(RELAY + ".deadline", deadline);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		Relay relay = (Relay) session.getAttributes().get(RELAY);
		if (relay == null) {
			return;
		}
		if (relay.isConnected()) {
			relay.fromClient(message);
			return;
		}
		if (message instanceof PongMessage) {
			relay.clientActive();
			return;
		}
		authenticate(session, relay, message);
	}

	private void authenticate(WebSocketSession session, Relay relay, WebSocketMessage<?> message) {
		ObjectNode auth = authMessage(message);
		if (auth == null) {
			relay.closeClient(CloseStatus.POLICY_VIOLATION.withReason("The first message must authenticate"));
			return;
		}
		Optional<String> verified;
		try {
			String token = auth.path("token").asString("");
			verified = !token.isEmpty() ? this.credentials.verifyToken(token)
					: this.credentials.verifyApiKey(auth.path("apiKey").asString(""));
		}
		catch (ProblemException ex) {
			relay.closeClient(CloseStatus.SERVICE_OVERLOAD.withReason("Credentials cannot be checked now"));
			return;
		}
		if (verified.isEmpty()) {
			relay.closeClient(CloseStatus.POLICY_VIOLATION.withReason("Authentication failed"));
			return;
		}
		cancel(session, RELAY + ".deadline");
		if (auth.path("apiKey").isString() && !auth.path("token").isString()) {
			session.getAttributes().put(HandshakeAuthenticator.API_KEY, auth.path("apiKey").asString());
		}
		auth.remove("apiKey");
		auth.put("token", verified.get());
		if (relay.connect(this.http, upstreamUris(session), null, HandshakeRequestId.of(session.getAttributes()))) {
			relay.fromClient(new TextMessage(this.json.writeValueAsString(auth)));
			scheduleRenewal(session, relay, verified.get());
		}
	}

	private @Nullable ObjectNode authMessage(WebSocketMessage<?> message) {
		if (!(message instanceof TextMessage text) || text.getPayloadLength() > 16 * 1024) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(text.getPayload());
			if (node instanceof ObjectNode object && "auth".equals(object.path("type").asString(""))
					&& (object.path("token").isString() || object.path("apiKey").isString())) {
				return object;
			}
		}
		catch (RuntimeException ex) {
			// not JSON: not an authentication message
		}
		return null;
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		Relay relay = (Relay) session.getAttributes().get(RELAY);
		if (relay != null) {
			relay.fail(CloseStatus.SERVER_ERROR);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		this.open.decrementAndGet();
		cancel(session, RELAY + ".deadline");
		cancel(session, RELAY + ".heartbeat");
		cancel(session, RELAY + ".renewal");
		Relay relay = (Relay) session.getAttributes().get(RELAY);
		if (relay != null) {
			relay.clientClosed(closeStatus);
		}
	}

	/**
	 * A connection authenticated with an API key carries a short-lived token upstream,
	 * and the service closes it when that token expires. Shortly before, the gateway
	 * exchanges the key again (which also notices a revoked key) and renews the
	 * connection with docs/agents.md's {@code auth} message.
	 */
	private void scheduleRenewal(WebSocketSession session, Relay relay, String token) {
		Object key = session.getAttributes().get(HandshakeAuthenticator.API_KEY);
		if (!this.renewsApiKeyTokens || !(key instanceof String apiKey)) {
			return;
		}
		Instant renewAt = expiryOf(token).minus(this.properties.renewBefore());
		long delay = Math.max(MIN_RENEWAL_DELAY.toMillis(), Duration.between(Instant.now(), renewAt).toMillis());
		schedule(session, relay, apiKey, delay);
	}

	private void schedule(WebSocketSession session, Relay relay, String apiKey, long delayMillis) {
		ScheduledFuture<?> renewal = this.timers.schedule(
				() -> Thread.ofVirtual().start(() -> renew(session, relay, apiKey)), delayMillis,
				TimeUnit.MILLISECONDS);
		session.getAttributes().put(RELAY + ".renewal", renewal);
	}

	private void renew(WebSocketSession session, Relay relay, String apiKey) {
		if (!session.isOpen()) {
			return;
		}
		Optional<String> fresh;
		try {
			fresh = this.credentials.renewApiKey(apiKey);
		}
		catch (ProblemException ex) {
			// auth-service is away: try again; the service closes the connection if the
			// token runs out first.
			schedule(session, relay, apiKey, MIN_RENEWAL_DELAY.toMillis() * 3);
			return;
		}
		if (fresh.isEmpty()) {
			relay.fail(CloseStatus.POLICY_VIOLATION.withReason("The API key is no longer valid"));
			return;
		}
		ObjectNode auth = this.json.createObjectNode();
		auth.put("type", "auth").put("version", 1).put("token", fresh.get());
		relay.renew(this.json.writeValueAsString(auth));
		scheduleRenewal(session, relay, fresh.get());
	}

	private static Instant expiryOf(String token) {
		try {
			java.util.Date expiry = com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
			return (expiry != null) ? expiry.toInstant() : Instant.now();
		}
		catch (java.text.ParseException ex) {
			return Instant.now();
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return false;
	}

	String route() {
		return this.route;
	}

	/**
	 * The service's WebSocket at each of its addresses, the one whose turn it is first
	 * (like the HTTP routes, connections are spread over the replicas), then the others
	 * to fall back on.
	 */
	private List<URI> upstreamUris(WebSocketSession session) {
		return this.upstreams.nextInTurn().stream().map((base) -> upstreamUri(session, base)).toList();
	}

	/**
	 * The service's WebSocket: ws(s) for http(s), the route's path, the query without
	 * {@code token}.
	 */
	private URI upstreamUri(WebSocketSession session, URI base) {
		URI received = session.getUri();
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(base)
			.scheme("https".equals(base.getScheme()) ? "wss" : "ws")
			.path(this.route);
		if (received != null && received.getRawQuery() != null) {
			UriComponentsBuilder.fromUri(received).build(true).getQueryParams().forEach((name, values) -> {
				if (!"token".equals(name)) {
					builder.queryParam(name, values.toArray());
				}
			});
		}
		return builder.build(true).toUri();
	}

	private static void cancel(WebSocketSession session, String attribute) {
		Object future = session.getAttributes().get(attribute);
		if (future instanceof ScheduledFuture<?> scheduled) {
			scheduled.cancel(false);
		}
	}

}
