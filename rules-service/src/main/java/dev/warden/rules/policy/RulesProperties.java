package dev.warden.rules.policy;

import java.time.Duration;

import dev.warden.rules.engine.Action;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the policy engine behaves ({@code warden.rules.*}).
 *
 * @param defaultAction the outcome of a command no rule matches
 * @param defaultCost the credits a command no rule prices costs
 * @param conflictBudget how long a conflict check may take before it answers "too
 * complex"
 * @param reloadInterval how often a replica checks the database for a policy version it
 * missed
 * @param loadDefaultPack whether to import the default pack into an empty rule set at
 * start
 */
@ConfigurationProperties("warden.rules")
public record RulesProperties(@DefaultValue("REQUIRE_APPROVAL") Action defaultAction,
		@DefaultValue("1") int defaultCost, @DefaultValue("2s") Duration conflictBudget,
		@DefaultValue("30s") Duration reloadInterval, @DefaultValue("false") boolean loadDefaultPack) {
}
