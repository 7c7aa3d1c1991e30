package dev.warden.contracts.identity;

/**
 * A blocked user was unblocked.
 *
 * @param userId the user's id
 */
public record UserUnblocked(String userId) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.user-unblocked";

	@Override
	public String type() {
		return TYPE;
	}

}
