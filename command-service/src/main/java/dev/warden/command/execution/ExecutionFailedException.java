package dev.warden.command.execution;

/**
 * The target could not run the command or could not report how it ended: the agent is not
 * connected or disconnected while running, the process could not start. The command
 * counts as failed and costs nothing.
 */
public class ExecutionFailedException extends Exception {

	/**
	 * Creates the exception.
	 * @param reason why, in words fit for the requester
	 */
	public ExecutionFailedException(String reason) {
		super(reason);
	}

	/**
	 * Creates the exception with a cause, which is logged but not shown.
	 * @param reason why, in words fit for the requester
	 * @param cause the cause
	 */
	public ExecutionFailedException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
