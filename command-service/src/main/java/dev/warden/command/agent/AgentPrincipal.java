package dev.warden.command.agent;

import java.time.Instant;
import java.util.List;

import dev.warden.contracts.Actor;
import dev.warden.platform.security.WardenAuthorities;
import org.jspecify.annotations.Nullable;

/**
 * The user an agent connection acts for, as its credentials proved.
 *
 * @param userId the user's id
 * @param username the user's name
 * @param roles the user's roles
 * @param expiresAt when the credentials stop being good: the token's expiry; for an API
 * key, when the key is checked again
 * @param apiKey the API key, kept to check it again, or {@code null} for a token; never
 * printed
 */
record AgentPrincipal(String userId, String username, List<String> roles, Instant expiresAt, @Nullable String apiKey) {

	AgentPrincipal {
		roles = List.copyOf(roles);
	}

	boolean admin() {
		return this.roles.contains(WardenAuthorities.ADMIN);
	}

	String via() {
		return (this.apiKey != null) ? "api-key" : "token";
	}

	Actor actor(@Nullable String clientAddress) {
		return new Actor(Actor.Kind.USER, this.userId, this.username, this.roles, clientAddress);
	}

	AgentPrincipal renewedUntil(Instant expiry) {
		return new AgentPrincipal(this.userId, this.username, this.roles, expiry, this.apiKey);
	}

	@Override
	public String toString() {
		return "AgentPrincipal[userId=" + this.userId + ", username=" + this.username + ", via=" + via() + "]";
	}

}
