package dev.warden.auth.user;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The user behind a request's access token.
 *
 * @param id the user's id
 * @param admin whether the caller acts as an administrator: the ADMIN role with a token
 * that carries the {@code admin} scope (an administrator's API key limited to other
 * scopes acts as a member, as in every other service)
 * @param scopes what the token may be used for
 * @param clientId who the token was issued to ({@code api-key:<id>} for API keys)
 */
public record Caller(UUID id, boolean admin, Set<String> scopes, String clientId) {

	/** The scope that administrators' own tokens carry and their API keys may lack. */
	static final String ADMIN_SCOPE = "admin";

	/**
	 * Reads the caller from an authenticated request.
	 * @param authentication the request's authentication
	 * @return the caller
	 * @throws ProblemException (403) for a service token, which belongs to no user
	 */
	public static Caller of(JwtAuthenticationToken authentication) {
		Set<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		Set<String> scopes = authorities.stream()
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.map((authority) -> authority.substring("SCOPE_".length()))
			.collect(Collectors.toUnmodifiableSet());
		UUID id;
		try {
			id = UUID.fromString(authentication.getToken().getSubject());
		}
		catch (IllegalArgumentException ex) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "This endpoint is for users, not services.");
		}
		String clientId = authentication.getToken().getClaimAsString("client_id");
		boolean admin = authorities.contains("ROLE_ADMIN") && scopes.contains(ADMIN_SCOPE);
		return new Caller(id, admin, scopes, (clientId != null) ? clientId : "");
	}

}
