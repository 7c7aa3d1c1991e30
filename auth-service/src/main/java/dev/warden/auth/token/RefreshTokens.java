package dev.warden.auth.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.warden.auth.config.AuthProperties;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh tokens as RFC 9700 asks: opaque, 256 random bits, stored only as a keyed hash,
 * valid for 60 days, and rotated on every use. A token belongs to a family (one sign-in);
 * using a token that was already rotated means it was copied, so the whole family is
 * revoked. Two refreshes of the same token within {@code warden.auth.refresh-reuse-grace}
 * (10 s) are taken as a client's own race, such as two tabs refreshing at once, and both
 * succeed. Logout revokes the family.
 */
@Component
public class RefreshTokens {

	/**
	 * Prefix that tells a Warden refresh token apart from other secrets in logs and
	 * scanners.
	 */
	static final String PREFIX = "wrt_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RefreshTokenRepository tokens;

	private final TokenHasher hasher;

	private final AuthProperties properties;

	private final Audit audit;

	RefreshTokens(RefreshTokenRepository tokens, TokenHasher hasher, AuthProperties properties, Audit audit) {
		this.tokens = tokens;
		this.hasher = hasher;
		this.properties = properties;
		this.audit = audit;
	}

	/**
	 * Starts a new family for a sign-in.
	 * @param userId the user
	 * @param clientId the client that signed in
	 * @return the new token
	 */
	@Transactional
	public String issue(UUID userId, String clientId) {
		return issue(EventIds.next(), userId, clientId);
	}

	/**
	 * Uses a refresh token: rotates it, or revokes its family if it was used before.
	 * @param token the token the client sent
	 * @return what happened
	 */
	@Transactional(noRollbackFor = RefreshRefused.class)
	public Rotation rotate(String token) {
		RefreshToken current = find(token).orElseThrow(() -> new RefreshRefused("unknown"));
		Instant now = Instant.now();
		if (current.isRevoked()) {
			throw new RefreshRefused("revoked");
		}
		if (current.isExpired(now)) {
			throw new RefreshRefused("expired");
		}
		Instant rotatedAt = current.rotatedAt();
		if (rotatedAt != null && Duration.between(rotatedAt, now).compareTo(this.properties.refreshReuseGrace()) > 0) {
			int revoked = this.tokens.revokeFamily(current.familyId(), now, "reuse");
			this.audit.recordIndependently(
					AuditEntry.of("auth.refresh-token.reused", Outcome.DENIED, "session", current.familyId())
						.detail("userId", current.userId().toString())
						.detail("revokedTokens", revoked));
			throw new RefreshRefused("reused");
		}
		if (rotatedAt == null) {
			current.markRotated(now);
		}
		return new Rotation(current.userId(), current.familyId(), current.clientId(),
				issue(current.familyId(), current.userId(), current.clientId()));
	}

	/**
	 * Revokes the family of a token (logout). Unknown tokens are ignored, so that logout
	 * says nothing about which tokens exist.
	 * @param token the token the client sent
	 * @return the user the token belonged to, if it was known
	 */
	@Transactional
	public Optional<UUID> revokeFamilyOf(String token) {
		return find(token).map((found) -> {
			this.tokens.revokeFamily(found.familyId(), Instant.now(), "logout");
			return found.userId();
		});
	}

	/**
	 * Revokes every session of a user, for example when they are blocked.
	 * @param userId the user
	 * @param reason why
	 * @return how many tokens were revoked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int revokeAllOf(UUID userId, String reason) {
		return this.tokens.revokeAllOfUser(userId, Instant.now(), reason);
	}

	/**
	 * Revokes a whole family, for example because its user can no longer sign in.
	 * @param familyId the family
	 * @param reason why
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void revokeFamily(UUID familyId, String reason) {
		this.tokens.revokeFamily(familyId, Instant.now(), reason);
	}

	/**
	 * Deletes tokens that expired more than a day ago; they can no longer be used anyway.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	void deleteExpired() {
		this.tokens.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
	}

	private Optional<RefreshToken> find(String token) {
		if (!token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.tokens.findByHashForUpdate(this.hasher.hash(token));
	}

	private String issue(UUID familyId, UUID userId, String clientId) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		this.tokens.save(new RefreshToken(familyId, userId, this.hasher.hash(token), clientId,
				this.properties.refreshTokenLifetime()));
		return token;
	}

	/**
	 * The result of a rotation.
	 *
	 * @param userId whose session it is
	 * @param familyId the session
	 * @param clientId the client that signed in
	 * @param newToken the token that replaces the one used
	 */
	public record Rotation(UUID userId, UUID familyId, String clientId, String newToken) {
	}

	/**
	 * A refresh token that cannot be used; the reason is for logs and audit, not for the
	 * client.
	 */
	public static final class RefreshRefused extends RuntimeException {

		RefreshRefused(String reason) {
			super(reason);
		}

	}

}
