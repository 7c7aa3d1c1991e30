package dev.warden.command.execution;

/**
 * Runs commands on one kind of target. Every executor bean is found by its
 * {@link #kind()}; a target whose kind has no executor is refused before anything runs.
 */
public interface Executor {

	/**
	 * The kind of target this executor serves, as written before the colon of a target.
	 * @return the kind, for example {@code local} or {@code agent}
	 */
	String kind();

	/**
	 * Checks, before the policy is asked and before credits are reserved, that the
	 * requester may run commands on this target and that it exists.
	 * @param target the target
	 * @param requester who asks
	 * @throws dev.warden.platform.problem.ProblemException a forbidden or unprocessable
	 * problem if not
	 */
	void authorize(Target target, Requester requester);

	/**
	 * Runs a command and waits for it to end, at most its timeout and a little more.
	 * @param request the command
	 * @return how it ended
	 * @throws ExecutionFailedException if it could not run or its end is unknown
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	ExecutionResult execute(ExecutionRequest request) throws ExecutionFailedException, InterruptedException;

}
