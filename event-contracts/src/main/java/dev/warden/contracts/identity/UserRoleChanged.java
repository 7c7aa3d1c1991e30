package dev.warden.contracts.identity;

/**
 * A user's role changed.
 *
 * @param userId the user's id
 * @param previousRole the role before
 * @param role the role (ADMIN or MEMBER)
 */
public record UserRoleChanged(String userId, String previousRole, String role) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.user-role-changed";

	@Override
	public String type() {
		return TYPE;
	}

}
