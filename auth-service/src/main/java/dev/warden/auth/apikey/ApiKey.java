package dev.warden.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.warden.contracts.EventIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** An API key; only its lookup id and keyed hash are kept. */
@Entity
@Table(name = "api_keys")
class ApiKey {

	/** How stale {@code last_used_at} may get before a use writes it again. */
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	@Id
	private UUID id;

	@Column(nullable = false)
	private UUID userId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String lookup;

	@Column(nullable = false)
	private byte[] secretHash;

	@Column(nullable = false)
	private String[] scopes;

	@Column(nullable = false)
	private Instant createdAt;

	private @Nullable Instant expiresAt;

	private @Nullable Instant lastUsedAt;

	private @Nullable Instant revokedAt;

	protected ApiKey() {
		this.id = UUID.randomUUID();
		this.userId = this.id;
		this.name = "";
		this.lookup = "";
		this.secretHash = new byte[0];
		this.scopes = new String[0];
		this.createdAt = Instant.EPOCH;
	}

	ApiKey(UUID userId, String name, String lookup, byte[] secretHash, List<String> scopes,
			@Nullable Instant expiresAt) {
		this.id = EventIds.next();
		this.userId = userId;
		this.name = name;
		this.lookup = lookup;
		this.secretHash = secretHash;
		this.scopes = scopes.toArray(String[]::new);
		this.createdAt = Instant.now();
		this.expiresAt = expiresAt;
	}

	boolean isUsable(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || this.expiresAt.isAfter(now));
	}

	/**
	 * Revokes the key.
	 * @return whether it was not revoked before
	 */
	boolean revoke() {
		if (this.revokedAt != null) {
			return false;
		}
		this.revokedAt = Instant.now();
		return true;
	}

	void used(Instant now) {
		if (this.lastUsedAt == null || this.lastUsedAt.plus(LAST_USED_PRECISION).isBefore(now)) {
			this.lastUsedAt = now;
		}
	}

	UUID id() {
		return this.id;
	}

	UUID userId() {
		return this.userId;
	}

	String name() {
		return this.name;
	}

	String lookup() {
		return this.lookup;
	}

	byte[] secretHash() {
		return this.secretHash;
	}

	List<String> scopes() {
		return List.of(this.scopes);
	}

	Instant createdAt() {
		return this.createdAt;
	}

	@Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	@Nullable Instant lastUsedAt() {
		return this.lastUsedAt;
	}

	@Nullable Instant revokedAt() {
		return this.revokedAt;
	}

}
