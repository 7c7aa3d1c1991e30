package dev.warden.contracts.identity;

/**
 * A user's tier changed; rate limits and quotas follow it.
 *
 * @param userId the user's id
 * @param previousTier the tier before
 * @param tier the tier (FREE, PRO, TEAM or ENTERPRISE)
 */
public record UserTierChanged(String userId, String previousTier, String tier) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.user-tier-changed";

	@Override
	public String type() {
		return TYPE;
	}

}
