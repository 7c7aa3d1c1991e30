package dev.warden.command.execution;

import java.time.Duration;

/**
 * Runs nothing and reports success: the target {@code noop}, for measuring everything
 * around execution (benchmarks). Off unless {@code warden.executors.noop.enabled=true}.
 */
final class NoopExecutor implements Executor {

	@Override
	public String kind() {
		return "noop";
	}

	@Override
	public void authorize(Target target, Requester requester) {
	}

	@Override
	public ExecutionResult execute(ExecutionRequest request) {
		return new ExecutionResult(0, "", "", false, false, Duration.ZERO);
	}

}
