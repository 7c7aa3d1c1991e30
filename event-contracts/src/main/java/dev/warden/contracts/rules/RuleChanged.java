package dev.warden.contracts.rules;

/**
 * A rule was created, changed or deleted; the policy's version moved on.
 *
 * @param ruleId the rule
 * @param name its name
 * @param change {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param ruleVersion the rule's version after the change
 * @param policyVersion the policy's version after the change
 */
public record RuleChanged(String ruleId, String name, String change, int ruleVersion, long policyVersion) {

	/** The envelope type of this event. */
	public static final String TYPE = "rules.rule-changed";

	/** The current version of this event's schema. */
	public static final int VERSION = 1;

}
