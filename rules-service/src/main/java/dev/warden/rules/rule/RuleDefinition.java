package dev.warden.rules.rule;

import java.util.Set;

import dev.warden.rules.engine.Action;
import org.jspecify.annotations.Nullable;

/**
 * What a rule says, as a request gives it.
 *
 * @param name its name
 * @param pattern its pattern
 * @param action what it decides
 * @param roles the roles it applies to; empty for everyone
 * @param creditCost what a command it allows costs
 * @param enabled whether it takes part in decisions
 * @param description why it exists
 */
record RuleDefinition(String name, String pattern, Action action, Set<String> roles, int creditCost, boolean enabled,
		@Nullable String description) {
}
