package dev.warden.rules.engine;

import java.util.UUID;

/**
 * How a new or changed rule relates to an existing one.
 *
 * @param ruleId the existing rule
 * @param ruleName its name
 * @param ruleAction what it decides
 * @param relation how the two rules' languages relate
 * @param witness a shortest command both rules match
 * @param explanation what this means for the policy
 */
public record Conflict(UUID ruleId, String ruleName, Action ruleAction, Relation relation, String witness,
		String explanation) {

	/** How two rules' sets of matching commands relate. */
	public enum Relation {

		/** Both match exactly the same commands: the new rule is a duplicate. */
		EQUAL,

		/** The new rule matches everything the existing one does, and more. */
		SUBSUMES,

		/** The existing rule matches everything the new one does, and more. */
		SUBSUMED_BY,

		/** Some commands match both, with different actions. */
		OVERLAPS

	}

}
