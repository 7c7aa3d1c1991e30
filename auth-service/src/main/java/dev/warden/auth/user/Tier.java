package dev.warden.auth.user;

/**
 * The subscription tier; rate limits, quotas and opening credits follow it (seed 004).
 */
public enum Tier {

	/** The default tier. */
	FREE,

	/** A paying individual. */
	PRO,

	/** A team. */
	TEAM,

	/** An enterprise. */
	ENTERPRISE

}
