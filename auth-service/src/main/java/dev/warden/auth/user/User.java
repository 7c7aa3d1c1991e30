package dev.warden.auth.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.warden.contracts.EventIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A person (or an agent acting for one) who can sign in or hold API keys. The aggregate
 * owns its state changes; the service persists them and publishes what happened.
 */
@Entity
@Table(name = "users")
public class User {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String username;

	@Column(nullable = false)
	private String email;

	private @Nullable String displayName;

	private @Nullable String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Role role;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Tier tier;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private UserStatus status;

	private @Nullable String blockedReason;

	@Column(nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant updatedAt;

	private @Nullable Instant lastLoginAt;

	@Version
	private long version;

	protected User() {
		// for JPA
		this.id = UUID.randomUUID();
		this.username = "";
		this.email = "";
		this.role = Role.MEMBER;
		this.tier = Tier.FREE;
		this.status = UserStatus.ACTIVE;
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	private User(String username, String email, @Nullable String displayName, @Nullable String passwordHash, Role role,
			Tier tier) {
		this.id = EventIds.next();
		this.username = username;
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.role = role;
		this.tier = tier;
		this.status = UserStatus.ACTIVE;
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	/**
	 * Creates an active user.
	 * @param username the login name, unique regardless of case
	 * @param email the email address, unique regardless of case
	 * @param displayName a display name, or {@code null}
	 * @param passwordHash the password's hash, or {@code null} for a user who signs in
	 * with API keys only
	 * @param role the role
	 * @param tier the tier
	 * @return the user
	 */
	public static User create(String username, String email, @Nullable String displayName,
			@Nullable String passwordHash, Role role, Tier tier) {
		return new User(username, email, displayName, passwordHash, role, tier);
	}

	/**
	 * Changes the role.
	 * @param newRole the new role
	 * @return the previous role, or {@code null} if nothing changed
	 */
	public @Nullable Role changeRole(Role newRole) {
		if (this.role == newRole) {
			return null;
		}
		Role previous = this.role;
		this.role = newRole;
		touch();
		return previous;
	}

	/**
	 * Changes the tier.
	 * @param newTier the new tier
	 * @return the previous tier, or {@code null} if nothing changed
	 */
	public @Nullable Tier changeTier(Tier newTier) {
		if (this.tier == newTier) {
			return null;
		}
		Tier previous = this.tier;
		this.tier = newTier;
		touch();
		return previous;
	}

	/**
	 * Blocks the user.
	 * @param reason why
	 * @return whether the user was not blocked before
	 */
	public boolean block(String reason) {
		if (this.status == UserStatus.BLOCKED) {
			return false;
		}
		this.status = UserStatus.BLOCKED;
		this.blockedReason = reason;
		touch();
		return true;
	}

	/**
	 * Unblocks the user.
	 * @return whether the user was blocked before
	 */
	public boolean unblock() {
		if (this.status != UserStatus.BLOCKED) {
			return false;
		}
		this.status = UserStatus.ACTIVE;
		this.blockedReason = null;
		touch();
		return true;
	}

	/** Records a successful sign-in. */
	public void signedIn() {
		this.lastLoginAt = Instant.now();
	}

	/**
	 * Replaces the password hash.
	 * @param hash the new hash
	 */
	public void changePasswordHash(String hash) {
		this.passwordHash = hash;
		touch();
	}

	/**
	 * Tells whether the user may sign in and use tokens and keys.
	 * @return whether the user is active
	 */
	public boolean isActive() {
		return this.status == UserStatus.ACTIVE;
	}

	private void touch() {
		this.updatedAt = Instant.now();
	}

	public UUID getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getEmail() {
		return this.email;
	}

	public @Nullable String getDisplayName() {
		return this.displayName;
	}

	public @Nullable String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public Tier getTier() {
		return this.tier;
	}

	public UserStatus getStatus() {
		return this.status;
	}

	public @Nullable String getBlockedReason() {
		return this.blockedReason;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public @Nullable Instant getLastLoginAt() {
		return this.lastLoginAt;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof User that && Objects.equals(this.id, that.id);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

}
