package dev.warden.command.policy;

/**
 * rules-service could not give a decision in time, or its circuit is open. Nothing runs.
 */
public class PolicyUnavailableException extends RuntimeException {

	PolicyUnavailableException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
