package dev.warden.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.auth.token.AccessTokens;
import org.jspecify.annotations.Nullable;

/**
 * A successful token response, as RFC 6749 section 5.1 shapes it.
 *
 * @param accessToken the access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the refresh token, for sign-ins and refreshes
 * @param scope the granted scopes, separated by spaces
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") @Nullable String refreshToken,
		String scope) {

	static TokenResponse of(AccessTokens.IssuedToken token, @Nullable String refreshToken) {
		return new TokenResponse(token.value(), "Bearer", token.expiresIn(), refreshToken,
				String.join(" ", token.scopes()));
	}

}
