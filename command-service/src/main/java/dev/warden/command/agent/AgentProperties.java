package dev.warden.command.agent;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How agents connect and how long they are waited for ({@code warden.agents.*}).
 *
 * @param authUrl auth-service's base URL, where API keys are exchanged for tokens
 * @param allowedOrigins the browser origins that may open {@code /ws/agents}; a handshake
 * without an {@code Origin} header (any non-browser agent) is always allowed
 * @param authTimeout how long a new connection has to authenticate and register
 * @param heartbeatInterval how often the server pings each agent and renews its registry
 * entry
 * @param heartbeatTimeout how long an agent may stay silent (no pong, no message) before
 * it is closed
 * @param defaultTimeout how long a dispatch waits for the answer unless it says otherwise
 * @param maxTimeout the longest a dispatch may ask to wait
 * @param execGrace how much longer than a command's own time limit the {@code agent}
 * executor waits, for the trip and for the sandbox to kill and drain the command
 * @param registryTtl how long an agent's registry entry lives without renewal; a dead
 * replica's agents vanish from the registry after this
 * @param maxMessageSize the largest message an agent may send
 * @param maxPerUser how many agents one user may have connected at once, over all
 * replicas; a connection that would register one more is closed with 4429
 */
@ConfigurationProperties("warden.agents")
public record AgentProperties(@DefaultValue("http://localhost:8081") URI authUrl,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("5s") Duration authTimeout,
		@DefaultValue("15s") Duration heartbeatInterval, @DefaultValue("45s") Duration heartbeatTimeout,
		@DefaultValue("30s") Duration defaultTimeout, @DefaultValue("120s") Duration maxTimeout,
		@DefaultValue("10s") Duration execGrace, @DefaultValue("60s") Duration registryTtl,
		@DefaultValue("512KB") DataSize maxMessageSize, @DefaultValue("20") int maxPerUser) {

	public AgentProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
		if (allowedOrigins.contains("*")) {
			throw new IllegalArgumentException("warden.agents.allowed-origins lists origins; '*' is not allowed");
		}
		if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException(
					"warden.agents.heartbeat-timeout must be longer than warden.agents.heartbeat-interval");
		}
		if (registryTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException(
					"warden.agents.registry-ttl must be at least twice warden.agents.heartbeat-interval");
		}
		if (maxPerUser < 1) {
			throw new IllegalArgumentException("warden.agents.max-per-user must be at least 1");
		}
		if (maxTimeout.compareTo(defaultTimeout) < 0) {
			throw new IllegalArgumentException(
					"warden.agents.max-timeout must not be shorter than warden.agents.default-timeout");
		}
	}

}
