package dev.warden.auth.token;

import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.platform.security.AccessTokenValidation;
import dev.warden.platform.security.SecurityProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service checks tokens against its own keys straight from {@link SigningKeys},
 * instead of fetching its own JWKS over HTTP. A {@code kid} it does not know yet makes it
 * reload the keys (at most once a second), in case another replica has just rotated them.
 */
final class OwnKeysJwtDecoder {

	private OwnKeysJwtDecoder() {
	}

	static JwtDecoder create(SigningKeys keys, SecurityProperties properties) {
		JWKSource<SecurityContext> source = (selector, context) -> select(keys, selector);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		decoder.setJwtValidator(AccessTokenValidation.validator(properties));
		decoder.setClaimSetConverter(AccessTokenValidation.claimSetConverter());
		return decoder;
	}

	private static List<JWK> select(SigningKeys keys, JWKSelector selector) {
		List<JWK> found = selector.select(keys.publicKeys());
		return found.isEmpty() ? selector.select(keys.reloadedPublicKeys()) : found;
	}

}
