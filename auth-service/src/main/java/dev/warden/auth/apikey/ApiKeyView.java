package dev.warden.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API key as lists show it: never its secret.
 *
 * @param id the key's id
 * @param userId its owner
 * @param name what the owner called it
 * @param hint its first characters, to recognise it
 * @param scopes what it may be used for
 * @param createdAt when it was created
 * @param expiresAt when it expires, if it does
 * @param lastUsedAt when it was last used (to the minute), if ever
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyView(UUID id, UUID userId, String name, String hint, List<String> scopes, Instant createdAt,
		@Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

	static ApiKeyView of(ApiKey key) {
		return new ApiKeyView(key.id(), key.userId(), key.name(), ApiKeyFormat.hint(key.lookup()), key.scopes(),
				key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt());
	}

}
