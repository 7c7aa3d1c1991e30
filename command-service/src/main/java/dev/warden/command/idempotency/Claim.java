package dev.warden.command.idempotency;

import java.util.UUID;

/** What a request may do with its idempotency key. */
public sealed interface Claim {

	/** The key is new, or nothing was done under it: process the request. */
	record Fresh() implements Claim {
	}

	/**
	 * The request was answered before: describe the same command with the same status.
	 *
	 * @param commandId the command
	 * @param status the first response's status
	 */
	record Replay(UUID commandId, int status) implements Claim {
	}

	/**
	 * An earlier request under this key created a command and then stopped without
	 * answering: finish that command rather than run another.
	 *
	 * @param commandId the command
	 */
	record Resume(UUID commandId) implements Claim {
	}

}
