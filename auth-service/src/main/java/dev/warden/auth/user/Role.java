package dev.warden.auth.user;

/**
 * What a user may do: administrators manage users, rules and approvals; members use
 * Warden.
 */
public enum Role {

	/** An administrator. */
	ADMIN,

	/** An ordinary user. */
	MEMBER

}
