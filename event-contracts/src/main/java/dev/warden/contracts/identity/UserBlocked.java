package dev.warden.contracts.identity;

/**
 * A user was blocked: their tokens and API keys stop working at once.
 *
 * @param userId the user's id
 * @param reason why, in the admin's words
 */
public record UserBlocked(String userId, String reason) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.user-blocked";

	@Override
	public String type() {
		return TYPE;
	}

}
