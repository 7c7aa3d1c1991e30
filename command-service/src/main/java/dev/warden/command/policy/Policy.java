package dev.warden.command.policy;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * The policy as command-service sees it: one decision per command line and caller.
 */
@Service
public class Policy {

	private final RulesClient rules;

	Policy(RulesClient rules) {
		this.rules = rules;
	}

	/**
	 * Asks for a decision.
	 * @param command the command line
	 * @param roles the caller's roles
	 * @param userId the caller
	 * @return the decision
	 * @throws PolicyUnavailableException if no decision could be had
	 */
	public PolicyDecision decide(String command, Set<String> roles, String userId) {
		RulesClient.Answer answer = this.rules.evaluate(new RulesClient.Question(command, roles, userId));
		Verdict verdict;
		try {
			verdict = Verdict.valueOf(answer.decision());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new PolicyUnavailableException("rules-service answered with an unknown decision", ex);
		}
		List<PolicyDecision.MatchedRule> matches = (answer.matches() != null) ? answer.matches()
			.stream()
			.map((match) -> new PolicyDecision.MatchedRule(match.ruleId(), match.ruleName(), match.ruleVersion(),
					match.action(), match.segment()))
			.toList() : List.of();
		return new PolicyDecision(verdict, matches, Math.max(0, answer.cost()), answer.policyVersion(),
				answer.explanation());
	}

}
