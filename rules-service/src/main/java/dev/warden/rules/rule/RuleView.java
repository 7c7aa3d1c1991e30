package dev.warden.rules.rule;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.Conflict;
import org.jspecify.annotations.Nullable;

/**
 * A rule as the API shows it.
 *
 * @param id its id
 * @param name its name
 * @param pattern its pattern
 * @param action what it decides
 * @param roles the roles it applies to; empty for everyone
 * @param creditCost what a command it allows costs
 * @param enabled whether it takes part in decisions
 * @param description why it exists
 * @param author who created it
 * @param version its version
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param acceptedConflicts the conflicts accepted with force=true by the change that
 * returned it
 */
public record RuleView(UUID id, String name, String pattern, Action action, Set<String> roles, int creditCost,
		boolean enabled, @Nullable String description, String author, int version, Instant createdAt, Instant updatedAt,
		List<Conflict> acceptedConflicts) {

	static RuleView of(Rule rule, List<Conflict> accepted) {
		return new RuleView(rule.id(), rule.name(), rule.pattern(), rule.action(), rule.roles(), rule.creditCost(),
				rule.enabled(), rule.description(), rule.author(), rule.version(), rule.createdAt(), rule.updatedAt(),
				accepted);
	}

}
