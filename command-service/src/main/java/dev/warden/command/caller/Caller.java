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
 * @param scopes what the token may be used for
 * @param tier the user's tier, from the {@code tier} claim, if present
 * @param actor the caller as events and audit records name them
 */
public record Caller(String userId, String username, Set<String> roles, Set<String> scopes, @Nullable String tier,
		Actor actor) {

	/** What administrators' own tokens carry and their API keys may lack. */
	public static final String ADMIN_SCOPE = "admin";

	/**
	 * Whether the caller acts as an administrator: the ADMIN role, with a token that
	 * carries the {@code admin} scope (an administrator's API key limited to other scopes
	 * acts as a member).
	 * @return whether they act as an administrator
	 */
	public boolean admin() {
		return this.roles.contains("ADMIN") && this.scopes.contains(ADMIN_SCOPE);
	}

	/**
	 * The caller as the requester of a command.
	 * @return the requester
	 */
	public Requester requester() {
		return new Requester(this.userId, this.username, admin());
	}

}
