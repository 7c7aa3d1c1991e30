package dev.warden.gateway.identity;

import java.time.Instant;

/**
 * An API key that auth-service accepted, with the access token it issued for it.
 *
 * @param accessToken the short-lived JWT that replaces the key downstream
 * @param expiresAt when that token expires
 * @param keyId the key's id (never its secret)
 * @param userId the key's owner
 */
public record ExchangedKey(String accessToken, Instant expiresAt, String keyId, String userId) {

	@Override
	public String toString() {
		return "ExchangedKey[keyId=" + this.keyId + ", userId=" + this.userId + "]";
	}

}
