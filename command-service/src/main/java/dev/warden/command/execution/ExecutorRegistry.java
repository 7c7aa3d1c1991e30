package dev.warden.command.execution;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Finds the executor for a target by its kind. */
@Component
public class ExecutorRegistry {

	/** No executor serves the target, or the target is not available to the caller. */
	public static final ProblemType TARGET_UNAVAILABLE = new ProblemType("target-unavailable",
			HttpStatus.UNPROCESSABLE_CONTENT, "The target is not available");

	private final Map<String, Executor> executors;

	ExecutorRegistry(ObjectProvider<Executor> executors) {
		this.executors = executors.orderedStream()
			.collect(Collectors.toUnmodifiableMap(Executor::kind, Function.identity()));
	}

	/**
	 * Returns the executor for a target, after checking the requester may use it.
	 * @param target the target
	 * @param requester who asks
	 * @return the executor
	 * @throws ProblemException if no executor serves it or the requester may not use it
	 */
	public Executor authorized(Target target, Requester requester) {
		Executor executor = this.executors.get(target.kind());
		if (executor == null) {
			throw new ProblemException(TARGET_UNAVAILABLE,
					"No executor serves targets of kind '" + target.kind() + "' here. Available: "
							+ String.join(", ", this.executors.keySet().stream().sorted().toList()) + ".")
				.with("target", target.toString());
		}
		executor.authorize(target, requester);
		return executor;
	}

}
