package dev.warden.rules.engine;

import java.util.Set;
import java.util.UUID;

import dev.warden.rules.pattern.CompiledPattern;

/**
 * An enabled rule, ready to match.
 *
 * @param id the rule's id
 * @param name its name
 * @param pattern its compiled pattern
 * @param action what it decides
 * @param roles the roles it applies to; empty for everyone
 * @param creditCost what a command it allows costs
 * @param version the rule's own version
 */
public record CompiledRule(UUID id, String name, CompiledPattern pattern, Action action, Set<String> roles,
		int creditCost, int version) {

	public CompiledRule {
		roles = Set.copyOf(roles);
	}

	/**
	 * Tells whether the rule applies to a caller with these roles.
	 * @param callerRoles the caller's roles
	 * @return whether it applies
	 */
	public boolean appliesTo(Set<String> callerRoles) {
		if (this.roles.isEmpty()) {
			return true;
		}
		for (String role : callerRoles) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tells whether two rules can ever apply to the same caller.
	 * @param other another rule
	 * @return whether their roles overlap
	 */
	public boolean sharesRolesWith(CompiledRule other) {
		return this.roles.isEmpty() || other.roles.isEmpty() || this.roles.stream().anyMatch(other.roles::contains);
	}

}
