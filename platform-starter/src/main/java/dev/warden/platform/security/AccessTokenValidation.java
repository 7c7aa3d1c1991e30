package dev.warden.platform.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/** The checks every Warden access token must pass after its signature verified. */
public final class AccessTokenValidation {

	private AccessTokenValidation() {
	}

	/**
	 * Returns the RFC 9068 validator for Warden's tokens: {@code typ} {@code at+jwt}, the
	 * configured issuer and audience, {@code exp}, {@code iat}, {@code sub}, {@code jti},
	 * and a {@code client_id}.
	 * @param properties the expected issuer and audience
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
		return JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			// Any client may hold a token (the gateway, a service, a user's app); it must
			// say which.
			.validators((validators) -> validators.put("client_id",
					new JwtClaimValidator<Object>("client_id",
							(clientId) -> clientId instanceof String text && !text.isBlank())))
			.build();
	}

}
