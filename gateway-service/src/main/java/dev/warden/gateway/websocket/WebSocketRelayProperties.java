package dev.warden.gateway.websocket;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The WebSocket relay ({@code warden.gateway.websocket.*}).
 *
 * @param allowedOrigins browser origins allowed to open a WebSocket (exact origins or
 * Spring origin patterns); a handshake without {@code Origin} is not from a browser and
 * is allowed
 * @param authTimeout how long a connection without credentials in its handshake may take
 * to send them in its first message
 * @param connectTimeout time limit for opening the upstream WebSocket at one address
 * @param sendTimeout time limit for handing one message to the other side; a side that
 * reads slower than this is disconnected
 * @param pingInterval how often the gateway pings the client
 * @param idleTimeout a client that sent nothing, not even a pong, for this long is
 * disconnected
 * @param maxMessageSize the largest message relayed either way
 * @param renewBefore how long before the upstream token of an API-key connection to
 * {@code /ws/agents} expires the gateway exchanges the key again and renews the
 * connection with a fresh {@code auth} message
 * @param connectDeadline time limit for opening the upstream WebSocket at all, whichever
 * of the service's addresses it takes: when addresses are dead, the relay stops trying
 * further ones at this deadline instead of spending a connect timeout on each; twice the
 * connect timeout when not set
 */
@ConfigurationProperties("warden.gateway.websocket")
public record WebSocketRelayProperties(@DefaultValue List<String> allowedOrigins,
		@DefaultValue("5s") Duration authTimeout, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration sendTimeout, @DefaultValue("20s") Duration pingInterval,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("1MB") DataSize maxMessageSize,
		@DefaultValue("60s") Duration renewBefore, @Nullable Duration connectDeadline) {

	public WebSocketRelayProperties {
		// No @DefaultValue: the default follows connect-timeout.
		connectDeadline = (connectDeadline != null) ? connectDeadline : connectTimeout.multipliedBy(2);
		if (!connectDeadline.isPositive()) {
			throw new IllegalArgumentException("warden.gateway.websocket.connect-deadline must be positive");
		}
		if (allowedOrigins.stream().anyMatch((origin) -> origin.strip().equals("*"))) {
			// Any web page could then open a WebSocket with its visitor's credentials.
			throw new IllegalArgumentException("warden.gateway.websocket.allowed-origins must list origins, not *");
		}
	}

}
