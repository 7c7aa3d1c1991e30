package dev.warden.command.command;

import java.util.UUID;

/**
 * Told when a run's outcome is saved and before its credits are settled. The default does
 * nothing; tests replace it to stop a request exactly there, as a crash would.
 */
interface ExecutionObserver {

	/** Does nothing. */
	ExecutionObserver NONE = (commandId) -> {
	};

	/**
	 * The run's outcome is saved; its credits are not settled yet.
	 * @param commandId the command
	 */
	void outcomeSaved(UUID commandId);

}
