package dev.warden.gateway.websocket;

import java.util.Optional;

import dev.warden.gateway.identity.ApiKeyExchange;
import dev.warden.gateway.identity.EdgeIdentityFilter;
import dev.warden.gateway.identity.ExchangedKey;
import dev.warden.platform.problem.ProblemException;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Checks credentials that did not come through the HTTP filters (a {@code token} query
 * parameter, or the first message): a JWT with the edge's decoder, an API key by
 * exchange. Either way the result is a JWT the gateway has verified.
 */
class EdgeCredentials {

	private final JwtDecoder decoder;

	private final ApiKeyExchange keys;

	EdgeCredentials(JwtDecoder decoder, ApiKeyExchange keys) {
		this.decoder = decoder;
		this.keys = keys;
	}

	/**
	 * Verifies a JWT or an API key.
	 * @param credential the value the client sent
	 * @return a verified JWT, or empty when the credential is not valid
	 * @throws ProblemException (503) when an API key cannot be checked now
	 */
	Optional<String> verify(String credential) {
		if (credential.isBlank() || credential.length() > 8192) {
			return Optional.empty();
		}
		if (EdgeIdentityFilter.isJwt(credential)) {
			return verifyToken(credential);
		}
		return verifyApiKey(credential);
	}

	Optional<String> verifyToken(String token) {
		try {
			this.decoder.decode(token);
			return Optional.of(token);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Exchanges a key again, bypassing the cache.
	 * @param key the key
	 * @return a fresh JWT, or empty when the key is no longer valid
	 * @throws ProblemException (503) when auth-service cannot be asked
	 */
	Optional<String> renewApiKey(String key) {
		return this.keys.refresh(key).map(ExchangedKey::accessToken);
	}

	Optional<String> verifyApiKey(String key) {
		if (key.isBlank() || key.length() > 200) {
			return Optional.empty();
		}
		return this.keys.exchange(key).map(ExchangedKey::accessToken);
	}

}
