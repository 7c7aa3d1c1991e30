package dev.warden.platform.security;

import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

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

	/**
	 * Returns the claim-set converter for Warden's tokens: Spring Security's defaults,
	 * except that {@code iss} stays a string. The default tries to make every issuer a
	 * {@code java.net.URL}; Warden's issuer is a URN ({@code urn:warden:auth}), for which
	 * that attempt costs a failed lookup of a {@code urn} protocol handler and a
	 * {@code MalformedURLException} on every decoded token. The issuer validator compares
	 * strings either way.
	 * @return the converter
	 */
	public static Converter<Map<String, Object>, Map<String, Object>> claimSetConverter() {
		return MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null));
	}

}
