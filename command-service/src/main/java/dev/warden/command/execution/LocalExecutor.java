package dev.warden.command.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.sandbox.Sandbox;
import dev.warden.sandbox.SandboxLimits;
import dev.warden.sandbox.SandboxResult;

/**
 * Runs commands on the command-service host in the {@link Sandbox}: a time limit, an
 * output cap, a scrubbed environment, a working directory per user, and the whole process
 * group killed at the end. Meant for local use: it runs as the service's own OS user.
 */
final class LocalExecutor implements Executor {

	private final Sandbox sandbox = new Sandbox();

	private final LocalExecutorProperties properties;

	LocalExecutor(LocalExecutorProperties properties) {
		this.properties = properties;
	}

	@Override
	public String kind() {
		return "local";
	}

	@Override
	public void authorize(Target target, Requester requester) {
		if (!target.name().isEmpty()) {
			throw new ProblemException(ExecutorRegistry.TARGET_UNAVAILABLE,
					"The local target has no name; write it as 'local'.");
		}
		boolean allowed = (requester.admin() && this.properties.roles().contains("ADMIN"))
				|| (!requester.admin() && this.properties.roles().contains("MEMBER"));
		if (!allowed) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "Your role may not run commands on the local target.");
		}
	}

	@Override
	public ExecutionResult execute(ExecutionRequest request) throws ExecutionFailedException, InterruptedException {
		Duration timeout = (request.timeout().compareTo(this.properties.timeout()) < 0) ? request.timeout()
				: this.properties.timeout();
		SandboxLimits limits = new SandboxLimits(timeout, this.properties.outputCap(),
				workingDirectory(request.requester()), Map.of("WARDEN_COMMAND_ID", request.commandId().toString()));
		try {
			SandboxResult result = this.sandbox.run(request.command(), limits);
			return new ExecutionResult(result.exitCode(), result.stdout(), result.stderr(), result.outputTruncated(),
					result.timedOut(), result.duration());
		}
		catch (IOException ex) {
			throw new ExecutionFailedException("The local process could not be started.", ex);
		}
	}

	private Path workingDirectory(Requester requester) {
		// User ids are token subjects; keep only characters that are safe in a file name.
		String safe = requester.userId().replaceAll("[^A-Za-z0-9._-]", "_");
		return this.properties.root().resolve(safe);
	}

}
