package dev.warden.command.agent;

/**
 * A user already has as many agents connected as {@code warden.agents.max-per-user}
 * allows.
 */
final class TooManyAgentsException extends RuntimeException {

	TooManyAgentsException(int max) {
		super("too many agents: at most " + max + " per user may be connected");
	}

}
