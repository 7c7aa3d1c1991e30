package dev.warden.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The limits one command runs within.
 *
 * @param timeout how long the command may run before its whole process group is killed
 * @param outputCap how many bytes of standard output, and separately of standard error,
 * are kept; the rest is read and discarded so that the command never blocks on a full
 * pipe
 * @param workingDirectory where the command starts; created if missing, and its
 * {@code HOME}
 * @param environment the only variables the command sees besides {@code HOME},
 * {@code PATH}, {@code LANG} and {@code TMPDIR}
 */
public record SandboxLimits(Duration timeout, int outputCap, Path workingDirectory, Map<String, String> environment) {

	/** The default time limit. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/** The default output cap per stream: 64 KB. */
	public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;

	public SandboxLimits {
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(workingDirectory, "workingDirectory");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive");
		}
		if (outputCap < 0) {
			throw new IllegalArgumentException("The output cap must not be negative");
		}
		environment = Map.copyOf(environment);
	}

	/**
	 * The default limits in a working directory.
	 * @param workingDirectory where the command runs
	 * @return the limits
	 */
	public static SandboxLimits defaults(Path workingDirectory) {
		return new SandboxLimits(DEFAULT_TIMEOUT, DEFAULT_OUTPUT_CAP, workingDirectory, Map.of());
	}

	/**
	 * Returns these limits with another time limit.
	 * @param timeout the time limit
	 * @return new limits
	 */
	public SandboxLimits withTimeout(Duration timeout) {
		return new SandboxLimits(timeout, this.outputCap, this.workingDirectory, this.environment);
	}

}
