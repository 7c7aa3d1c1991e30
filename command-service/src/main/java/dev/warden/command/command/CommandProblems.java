package dev.warden.command.command;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.command.policy.PolicyDecision;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;

import org.springframework.http.HttpStatus;

/** The problems commands answer with; listed in {@code docs/problems.md}. */
final class CommandProblems {

	/**
	 * The policy blocks the command; {@code rule} names the rule, {@code commandId} the
	 * record.
	 */
	static final ProblemType BLOCKED = new ProblemType("command-blocked", HttpStatus.FORBIDDEN,
			"The policy blocks this command");

	/**
	 * No policy decision could be had, so the command did not run; {@code commandId} is
	 * the record.
	 */
	static final ProblemType POLICY_UNAVAILABLE = new ProblemType("policy-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"The policy could not be asked");

	private CommandProblems() {
	}

	static ProblemException blocked(CommandView command, List<PolicyDecision.MatchedRule> matches) {
		PolicyDecision.MatchedRule rule = matches.stream()
			.filter((match) -> "BLOCK".equals(match.action()))
			.findFirst()
			.orElse(null);
		String detail = (rule != null) ? "The rule '" + rule.ruleName() + "' blocks this command."
				: "The policy blocks this command: " + command.reason();
		ProblemException problem = new ProblemException(BLOCKED, detail).with("commandId", command.id());
		if (rule != null) {
			problem.with("rule", Map.of("id", rule.ruleId(), "name", rule.ruleName(), "version", rule.ruleVersion(),
					"matched", rule.segment()));
		}
		return problem;
	}

	static ProblemException policyUnavailable(UUID commandId, String reason) {
		return new ProblemException(POLICY_UNAVAILABLE,
				"The command was not run because no policy decision could be had: " + reason + ".")
			.with("commandId", commandId)
			.retryAfter(java.time.Duration.ofSeconds(5));
	}

}
