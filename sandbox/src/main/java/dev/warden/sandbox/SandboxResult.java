package dev.warden.sandbox;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode the shell's exit status; {@code 128 + signal} when it was killed
 * @param stdout standard output, at most the cap, decoded as UTF-8
 * @param stderr standard error, at most the cap, decoded as UTF-8
 * @param outputTruncated whether either stream was longer than the cap
 * @param timedOut whether the time limit killed it
 * @param duration how long it ran
 */
public record SandboxResult(int exitCode, String stdout, String stderr, boolean outputTruncated, boolean timedOut,
		Duration duration) {

	/**
	 * Whether the command succeeded: it exited with status 0 within its time limit.
	 * @return whether it succeeded
	 */
	public boolean succeeded() {
		return this.exitCode == 0 && !this.timedOut;
	}

}
