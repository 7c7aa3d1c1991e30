package dev.warden.gateway.identity;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.warden.platform.security.AccessTokenValidation;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the edge's JWT decoder with an explicit JWKS policy.
 * <p>
 * {@code NimbusJwtDecoder.withJwkSetUri} (Spring Security 7.0) builds its key source with
 * Nimbus's defaults: a 5-minute cache, no refresh-ahead and <em>no rate limit</em>, and
 * Nimbus re-fetches the key set whenever a token names a {@code kid} it does not hold. At
 * the edge that lets anyone turn forged tokens into a stream of JWKS fetches. Here the
 * cache, its lifetime and a rate limit (Nimbus's {@code RateLimitedJWKSetSource}: at most
 * two fetches per interval, cache hits do not count) are chosen explicitly. A rotated key
 * is therefore picked up by the first token that names it, unless a fetch storm used up
 * the interval, in which case it is picked up at most one interval later.
 */
final class EdgeJwtDecoders {

	/** Key sets larger than this are refused; auth-service's is a few kilobytes. */
	private static final int MAX_JWKS_BYTES = 256 * 1024;

	private EdgeJwtDecoders() {
	}

	/**
	 * @param jwksUri auth-service's key set
	 * @param jwks the cache and rate-limit settings
	 * @param validator the checks after the signature
	 * @param published told the key ids of every key set fetched
	 * @return the decoder
	 */
	static NimbusJwtDecoder create(URI jwksUri, IdentityProperties.Jwks jwks, OAuth2TokenValidator<Jwt> validator,
			PublishedKeyIds published) {
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) jwks.connectTimeout().toMillis(),
				(int) jwks.readTimeout().toMillis(), MAX_JWKS_BYTES);
		JWKSource<SecurityContext> fetched;
		try {
			fetched = JWKSourceBuilder.create(jwksUri.toURL(), retriever)
				.cache(jwks.cacheTtl().toMillis(), jwks.readTimeout().plus(jwks.connectTimeout()).toMillis(), published)
				.refreshAheadCache(false)
				.rateLimited(jwks.minRefreshInterval().toMillis())
				.retrying(false)
				.outageTolerant(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("warden.security.jwks-uri is not a URL: " + jwksUri, ex);
		}
		JWKSource<SecurityContext> keys = (selector, context) -> {
			try {
				return fetched.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				// The token names a key the edge does not hold and no fetch is allowed
				// now: as far as the edge can tell there is no such key, and the token is
				// refused (401). Left as it is, Nimbus's exception would become Spring
				// Security's AuthenticationServiceException: a 500 for every forged kid
				// once the limit is reached.
				return List.of();
			}
		};
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		// RS256 only: "none" and HS256 (the algorithm-confusion attack) never verify.
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		// typ (at+jwt), exp, nbf, iss, aud are checked by the platform's validator below,
		// the same rules every service applies.
		processor.setJWSTypeVerifier((type, context) -> {
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(validator);
		decoder.setClaimSetConverter(AccessTokenValidation.claimSetConverter());
		return decoder;
	}

}
