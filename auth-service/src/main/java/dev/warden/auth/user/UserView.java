package dev.warden.auth.user;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows them; never the password hash.
 *
 * @param id the user's id
 * @param username the login name
 * @param email the email address
 * @param displayName the display name, if any
 * @param role the role
 * @param tier the tier
 * @param status whether the user may sign in
 * @param createdAt when the account was created
 * @param lastLoginAt the last successful sign-in, if any
 */
public record UserView(UUID id, String username, String email, @Nullable String displayName, Role role, Tier tier,
		UserStatus status, Instant createdAt, @Nullable Instant lastLoginAt) {

	/**
	 * Shows a user.
	 * @param user the user
	 * @return the view
	 */
	public static UserView of(User user) {
		return new UserView(user.getId(), user.getUsername(), user.getEmail(), user.getDisplayName(), user.getRole(),
				user.getTier(), user.getStatus(), user.getCreatedAt(), user.getLastLoginAt());
	}

}
