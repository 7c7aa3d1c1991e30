package dev.warden.command.policy;

/** What the policy decides for a command. */
public enum Verdict {

	/** It runs. */
	ALLOW,

	/** It waits for an administrator. */
	REQUIRE_APPROVAL,

	/** It never runs. */
	BLOCK

}
