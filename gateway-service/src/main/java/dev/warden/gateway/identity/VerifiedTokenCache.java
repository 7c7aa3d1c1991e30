package dev.warden.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.warden.platform.Digests;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature the edge has verified, so that a client sending
 * the same token again is not verified again: parsing and the RSA signature check were
 * the largest share of the gateway's CPU per request (docs/benchmarks.md).
 * <p>
 * What is and is not cached:
 * <ul>
 * <li>Only tokens that passed every check. A token that failed (bad signature, wrong
 * type, expired, blocked user) is never remembered, so a tampered token is always
 * verified, and always refused.</li>
 * <li>The key is the SHA-256 of the token, compared whole: a token that differs in one
 * byte is another key. The tokens themselves are not kept.</li>
 * <li>On every hit the validator runs again on the remembered claims (the times, issuer,
 * audience, type, client and the blocked-user check): an expired token is refused, and so
 * is the token of a user blocked after it was cached, at once.</li>
 * <li>On every hit the token's signing key ({@code kid}) must still be in the key set the
 * decoder last fetched ({@link PublishedKeyIds}): once auth-service has removed a key and
 * the edge has fetched its key set again (the first token naming an unknown key, or the
 * key cache's expiry, causes that), a cached token signed with the removed key is
 * verified again, and refused. Tokens without a {@code kid} are verified every time:
 * nothing would tell whether their key is still published.</li>
 * <li>An entry lives for the token's remaining lifetime and never longer than
 * {@code maxAge} (60 s by default).</li>
 * </ul>
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final PublishedKeyIds published;

	private final Cache<String, Jwt> verified;

	/**
	 * @param verifier decodes a token the first time: signature and every check
	 * @param validator the checks repeated on every hit (the verifier's own)
	 * @param published the key ids of the key set the verifier holds now
	 * @param maxAge how long a verified token is remembered at most
	 * @param maxSize how many tokens are remembered at most
	 * @param clock the clock expiry is judged by
	 */
	VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, PublishedKeyIds published,
			Duration maxAge, long maxSize, Clock clock) {
		this.verifier = verifier;
		this.validator = validator;
		this.published = published;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> lifetime(jwt, maxAge, clock)))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String key = Digests.sha256Hex(token);
		Jwt cached = this.verified.getIfPresent(key);
		if (cached != null && this.published.contains(keyIdOf(cached))) {
			OAuth2TokenValidatorResult result = this.validator.validate(cached);
			if (!result.hasErrors()) {
				return cached;
			}
			this.verified.invalidate(key);
			throw new JwtValidationException(describe(result), result.getErrors());
		}
		if (cached != null) {
			// Its key has left the key set: verify the token again, which refuses it
			// unless the key is back.
			this.verified.invalidate(key);
		}
		Jwt jwt = this.verifier.decode(token);
		if (!keyIdOf(jwt).isEmpty()) {
			this.verified.put(key, jwt);
		}
		return jwt;
	}

	private static String keyIdOf(Jwt jwt) {
		return (jwt.getHeaders().get("kid") instanceof String kid) ? kid : "";
	}

	/** How many verified tokens are remembered now (for tests and metrics). */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	static Duration lifetime(Jwt jwt, Duration maxAge, Clock clock) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return Duration.ZERO;
		}
		Duration remaining = Duration.between(clock.instant(), expiresAt);
		if (remaining.isNegative()) {
			return Duration.ZERO;
		}
		return (remaining.compareTo(maxAge) < 0) ? remaining : maxAge;
	}

	private static String describe(OAuth2TokenValidatorResult result) {
		// The same wording NimbusJwtDecoder uses for a token that fails validation.
		OAuth2Error first = result.getErrors().iterator().next();
		return "An error occurred while attempting to decode the Jwt: " + first.getDescription();
	}

}
