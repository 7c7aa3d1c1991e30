package dev.warden.command.execution;

import java.time.Duration;

/**
 * How a run ended on its target.
 *
 * @param exitCode the exit status; {@code 128 + signal} when killed
 * @param stdout standard output, capped
 * @param stderr standard error, capped
 * @param outputTruncated whether output was cut at the cap
 * @param timedOut whether the time limit ended it
 * @param duration how long it ran
 */
public record ExecutionResult(int exitCode, String stdout, String stderr, boolean outputTruncated, boolean timedOut,
		Duration duration) {

	/**
	 * Whether the command succeeded, which is what credits are charged for.
	 * @return exit code 0 within the time limit
	 */
	public boolean succeeded() {
		return this.exitCode == 0 && !this.timedOut;
	}

}
