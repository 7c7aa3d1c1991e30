package dev.warden.command.caller;

import java.util.Set;

import dev.warden.command.execution.Requester;
import dev.warden.contracts.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated user of the current request. Controllers take it as a parameter.
 *
 * @param userId the token's subject
 * @param username the user's name
 * @param roles the user's roles
 * @param tier the user's tier, from the {@code tier} claim, if present
 * @param actor the caller as events and audit records name them
 */
public record Caller(String userId, String username, Set<String> roles, @Nullable String tier, Actor actor) {

	/**
	 * Whether the caller is an administrator.
	 * @return whether they have the ADMIN role
	 */
	public boolean admin() {
		return this.roles.contains("ADMIN");
	}

	/**
	 * The caller as the requester of a command.
	 * @return the requester
	 */
	public Requester requester() {
		return new Requester(this.userId, this.username, admin());
	}

}
