package dev.warden.rules.policy;

import java.util.Set;
import java.util.UUID;

import dev.warden.rules.engine.Action;

/**
 * A rule as the policy loads it from the database.
 *
 * @param id the rule
 * @param name its name
 * @param pattern its pattern
 * @param action what it decides
 * @param roles the roles it applies to
 * @param creditCost its cost
 * @param version its version
 */
public record StoredRule(UUID id, String name, String pattern, Action action, Set<String> roles, int creditCost,
		int version) {
}
