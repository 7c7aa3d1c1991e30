package dev.warden.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.warden.contracts.EventIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One refresh token of a session (its family). Only the keyed hash of the token is kept.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

	@Id
	private UUID id;

	@Column(nullable = false)
	private UUID familyId;

	@Column(nullable = false)
	private UUID userId;

	@Column(nullable = false)
	private byte[] tokenHash;

	@Column(nullable = false)
	private String clientId;

	@Column(nullable = false)
	private Instant issuedAt;

	@Column(nullable = false)
	private Instant expiresAt;

	private @Nullable Instant rotatedAt;

	private @Nullable Instant revokedAt;

	private @Nullable String revokeReason;

	protected RefreshToken() {
		this.id = UUID.randomUUID();
		this.familyId = this.id;
		this.userId = this.id;
		this.tokenHash = new byte[0];
		this.clientId = "";
		this.issuedAt = Instant.EPOCH;
		this.expiresAt = Instant.EPOCH;
	}

	RefreshToken(UUID familyId, UUID userId, byte[] tokenHash, String clientId, Duration lifetime) {
		this.id = EventIds.next();
		this.familyId = familyId;
		this.userId = userId;
		this.tokenHash = tokenHash;
		this.clientId = clientId;
		this.issuedAt = Instant.now();
		this.expiresAt = this.issuedAt.plus(lifetime);
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	boolean isExpired(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

	@Nullable Instant rotatedAt() {
		return this.rotatedAt;
	}

	void markRotated(Instant now) {
		this.rotatedAt = now;
	}

	UUID familyId() {
		return this.familyId;
	}

	UUID userId() {
		return this.userId;
	}

	String clientId() {
		return this.clientId;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

}
