package dev.warden.command.caller;

import java.util.Locale;

/**
 * User ids in paths. auth-service issues them as UUIDs; anything else cannot name a user
 * and is refused with a 400 before it reaches a balance, a ledger or an agent. Whether a
 * well-formed id belongs to an existing user is auth-service's knowledge and is not
 * asked: an unknown id behaves like a user who has not used Warden yet.
 */
public final class UserIds {

	/** A UUID in its 8-4-4-4-12 hexadecimal form, in either case. */
	public static final String PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

	/** The validation message for an id that does not match {@link #PATTERN}. */
	public static final String MESSAGE = "must be a user id: a UUID such as 3f0e9a52-7c1d-4b6e-9a0f-2d5c8e1b4a77";

	private UserIds() {
	}

	/**
	 * Returns the id as auth-service writes it (lower case), so that one user has one
	 * balance and one set of agents whichever case a client used.
	 * @param userId an id that matched {@link #PATTERN}
	 * @return the canonical id
	 */
	public static String canonical(String userId) {
		return userId.toLowerCase(Locale.ROOT);
	}

}
