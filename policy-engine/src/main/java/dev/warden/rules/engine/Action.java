package dev.warden.rules.engine;

/** What a rule decides, from least to most restrictive. */
public enum Action {

	/** The command may run. */
	ALLOW,

	/** The command waits for an administrator's approval. */
	REQUIRE_APPROVAL,

	/** The command never runs. */
	BLOCK;

	/**
	 * Returns the more restrictive of two actions.
	 * @param other another action
	 * @return the more restrictive one
	 */
	public Action max(Action other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}
