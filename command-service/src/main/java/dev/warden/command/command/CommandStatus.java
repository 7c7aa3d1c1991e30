package dev.warden.command.command;

/** Where a command stands. */
public enum CommandStatus {

	/** The policy blocked it; it never runs. */
	REJECTED,

	/** It waits for an administrator's approval; the requester retries once approved. */
	PENDING_APPROVAL,

	/** It is running on its target. */
	RUNNING,

	/** It ran and exited with status 0 within its time limit. */
	SUCCEEDED,

	/** It ran and failed, timed out, or its target lost it. */
	FAILED,

	/** It was not run: no policy decision could be had, or credits were short. */
	NOT_RUN

}
