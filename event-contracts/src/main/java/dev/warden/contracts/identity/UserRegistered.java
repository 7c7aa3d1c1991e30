package dev.warden.contracts.identity;

/**
 * A user account was created, by registration or by an admin.
 *
 * @param userId the user's id
 * @param username the login name
 * @param role the role (ADMIN or MEMBER)
 * @param tier the tier (FREE, PRO, TEAM or ENTERPRISE)
 */
public record UserRegistered(String userId, String username, String role, String tier) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.user-registered";

	@Override
	public String type() {
		return TYPE;
	}

}
