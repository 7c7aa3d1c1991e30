package dev.warden.auth.user;

/** Whether a user may sign in and use their keys. */
public enum UserStatus {

	/** The user may sign in. */
	ACTIVE,

	/** The account is switched off (for example, on the user's own request). */
	DISABLED,

	/** An administrator or misuse detection blocked the user. */
	BLOCKED

}
