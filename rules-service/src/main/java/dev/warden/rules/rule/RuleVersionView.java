package dev.warden.rules.rule;

import java.time.Instant;
import java.util.Set;

import dev.warden.rules.engine.Action;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One change of a rule, as its history shows it.
 *
 * @param version the rule's version after the change
 * @param change what kind of change
 * @param name the rule's name after it
 * @param pattern its pattern after it
 * @param action its action after it
 * @param roles its roles after it
 * @param creditCost its cost after it
 * @param enabled whether it was enabled after it
 * @param description its description after it
 * @param changedBy the id of who made the change
 * @param changedByName their name
 * @param reason why, in their words
 * @param forced whether conflicts were accepted with force=true
 * @param conflicts the conflicts accepted
 * @param policyVersion the policy version the change produced
 * @param changedAt when
 */
public record RuleVersionView(int version, String change, String name, String pattern, Action action, Set<String> roles,
		int creditCost, boolean enabled, @Nullable String description, String changedBy, String changedByName,
		@Nullable String reason, boolean forced, JsonNode conflicts, long policyVersion, Instant changedAt) {
}
