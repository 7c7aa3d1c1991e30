package dev.warden.rules.rule;

import java.util.List;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;
import dev.warden.rules.engine.Conflict;
import dev.warden.rules.pattern.PatternSyntaxException;

import org.springframework.http.HttpStatus;

/** The problems rules-service answers with, besides the platform's. */
final class RuleProblems {

	/** The pattern is not valid Warden pattern syntax; {@code position} says where. */
	static final ProblemType PATTERN_SYNTAX = new ProblemType("pattern-syntax", HttpStatus.BAD_REQUEST,
			"The pattern is not valid");

	/** The pattern is valid but cannot be compiled or analysed within the budget. */
	static final ProblemType PATTERN_TOO_COMPLEX = new ProblemType("pattern-too-complex",
			HttpStatus.UNPROCESSABLE_CONTENT, "The pattern is too complex");

	/**
	 * The rule duplicates, subsumes, is subsumed by or overlaps enabled rules; see
	 * {@code conflicts}.
	 */
	static final ProblemType RULE_CONFLICT = new ProblemType("rule-conflict", HttpStatus.CONFLICT,
			"The rule conflicts with existing rules");

	private RuleProblems() {
	}

	static ProblemException syntax(String pattern, PatternSyntaxException ex) {
		return new ProblemException(PATTERN_SYNTAX,
				"The pattern is not valid at position " + ex.position() + ": " + ex.getMessage() + ".")
			.with("position", ex.position())
			.with("pattern", pattern);
	}

	static ProblemException tooComplex(String reason) {
		return new ProblemException(PATTERN_TOO_COMPLEX, reason + ".");
	}

	static ProblemException conflicts(List<Conflict> conflicts, boolean duplicate) {
		String detail = duplicate
				? "The rule matches exactly the same commands as an existing rule; duplicates are refused even with force=true."
				: "The rule conflicts with " + conflicts.size()
						+ " enabled rule(s); review them, then send force=true with a reason to accept.";
		return new ProblemException(RULE_CONFLICT, detail).with("conflicts", conflicts);
	}

}
