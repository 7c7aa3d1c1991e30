package dev.warden.command.policy;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The policy's decision for one command line.
 *
 * @param verdict what happens
 * @param matches the rules that matched
 * @param cost the credits the command costs if it runs and succeeds
 * @param policyVersion the policy version that decided
 * @param explanation the decision in words
 */
public record PolicyDecision(Verdict verdict, List<MatchedRule> matches, int cost, long policyVersion,
		String explanation) {

	/**
	 * One rule that matched.
	 *
	 * @param ruleId the rule
	 * @param ruleName its name
	 * @param ruleVersion its version
	 * @param action what it decides
	 * @param segment what it matched
	 */
	public record MatchedRule(UUID ruleId, String ruleName, int ruleVersion, String action, String segment) {
	}

	/**
	 * The first rule whose action is the verdict: the one to name in a refusal.
	 * @return the deciding rule, or {@code null} when the default decided
	 */
	public @Nullable MatchedRule decidingRule() {
		return this.matches.stream()
			.filter((match) -> this.verdict.name().equals(match.action()))
			.findFirst()
			.orElse(null);
	}

}
