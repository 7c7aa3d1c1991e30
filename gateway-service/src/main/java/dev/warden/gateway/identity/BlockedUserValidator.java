package dev.warden.gateway.identity;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses tokens issued to a user before the user was blocked. */
final class BlockedUserValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error BLOCKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token's user is blocked", null);

	private final BlockedUsers blocked;

	BlockedUserValidator(BlockedUsers blocked) {
		this.blocked = blocked;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String subject = token.getSubject();
		if (subject != null && this.blocked.refuses(subject, token.getIssuedAt())) {
			return OAuth2TokenValidatorResult.failure(BLOCKED);
		}
		return OAuth2TokenValidatorResult.success();
	}

}
