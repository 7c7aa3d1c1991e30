package dev.warden.command.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * auth-service's API-key exchange, as this service reads it. The platform's interceptor
 * adds the service token to every {@code /internal/**} call; a 404 (no such valid key)
 * comes back empty rather than as an error, so that wrong keys do not trip the circuit
 * breaker.
 */
interface AuthServiceClient {

	@PostMapping(path = "/internal/v1/api-keys/exchange", consumes = MediaType.APPLICATION_JSON_VALUE)
	Optional<ExchangedKey> exchange(@RequestBody KeyRequest request);

	/**
	 * @param key the API key
	 */
	record KeyRequest(String key) {

		@Override
		public String toString() {
			return "KeyRequest[***]";
		}

	}

	/**
	 * @param accessToken a short-lived access token for the key's owner
	 * @param tokenType {@code Bearer}
	 * @param expiresIn seconds
	 * @param key who the key belongs to
	 */
	record ExchangedKey(String accessToken, String tokenType, long expiresIn, KeyIdentity key) {

		@Override
		public String toString() {
			return "ExchangedKey[key=" + this.key + "]";
		}

	}

	/**
	 * @param keyId the key's id
	 * @param userId its owner
	 * @param username its owner's name
	 * @param role its owner's role
	 * @param tier its owner's tier
	 * @param scopes what it may be used for
	 * @param expiresAt when it expires, if it does
	 */
	record KeyIdentity(String keyId, String userId, String username, String role, @Nullable String tier,
			List<String> scopes, @Nullable Instant expiresAt) {
	}

}
