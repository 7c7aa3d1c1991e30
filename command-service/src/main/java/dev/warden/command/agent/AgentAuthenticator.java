package dev.warden.command.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.warden.platform.security.SecurityProperties;
import dev.warden.platform.security.WardenAuthorities;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks an agent's credentials: an access token with the same decoder, and so the same
 * rules, as every HTTP request; an API key by exchanging it at auth-service for such a
 * token. Agents act for people: a service token is refused, and so is a token without the
 * {@code commands} scope (an API key made only for the LLM proxy, say).
 */
@Component
class AgentAuthenticator {

	/** The scope a token needs to run an agent. */
	static final String REQUIRED_SCOPE = "commands";

	/** API keys are never longer than this; longer input is not worth a call. */
	private static final int MAX_KEY_LENGTH = 200;

	private static final Logger log = LoggerFactory.getLogger(AgentAuthenticator.class);

	private final JwtDecoder decoder;

	private final AuthServiceClient authService;

	private final String rolesClaim;

	AgentAuthenticator(JwtDecoder decoder, AuthServiceClient authService, SecurityProperties security) {
		this.decoder = decoder;
		this.authService = authService;
		this.rolesClaim = security.rolesClaim();
	}

	/**
	 * Checks an access token.
	 * @param token the compact JWT
	 * @return who it belongs to
	 * @throws Refused if it is not good
	 * @throws Unavailable if it cannot be checked now
	 */
	AgentPrincipal token(String token) {
		return principal(decode(token), null);
	}

	/**
	 * Checks an API key at auth-service.
	 * @param key the key
	 * @return who it belongs to
	 * @throws Refused if it is not a valid key
	 * @throws Unavailable if auth-service does not answer
	 */
	AgentPrincipal apiKey(String key) {
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			throw new Refused("the API key is not valid");
		}
		Optional<AuthServiceClient.ExchangedKey> exchanged;
		try {
			exchanged = this.authService.exchange(new AuthServiceClient.KeyRequest(key));
		}
		catch (RuntimeException ex) {
			// The exception says which host failed, never the key.
			log.warn("Could not exchange an agent's API key at auth-service: {}", ex.toString());
			throw new Unavailable("auth-service did not answer", ex);
		}
		if (exchanged.isEmpty()) {
			throw new Refused("the API key is not valid");
		}
		return principal(decode(exchanged.get().accessToken()), key);
	}

	private Jwt decode(String token) {
		try {
			return this.decoder.decode(token);
		}
		catch (BadJwtException ex) {
			throw new Refused("the token is not valid");
		}
		catch (JwtException ex) {
			log.warn("Could not check an agent's token: {}", ex.getMessage());
			throw new Unavailable("the token could not be checked", ex);
		}
	}

	private AgentPrincipal principal(Jwt jwt, @Nullable String apiKey) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new Refused("the token has no subject");
		}
		List<String> scopes = scopes(jwt);
		if (scopes.contains(WardenAuthorities.INTERNAL_SCOPE)) {
			throw new Refused("a service token cannot run an agent");
		}
		if (!scopes.contains(REQUIRED_SCOPE)) {
			throw new Refused("the credentials lack the '" + REQUIRED_SCOPE + "' scope");
		}
		String name = jwt.getClaimAsString(WardenAuthorities.NAME_CLAIM);
		Instant expiresAt = (jwt.getExpiresAt() != null) ? jwt.getExpiresAt() : Instant.now().plusSeconds(300);
		return new AgentPrincipal(subject, (name != null) ? name : subject, strings(jwt.getClaim(this.rolesClaim)),
				expiresAt, apiKey);
	}

	private static List<String> scopes(Jwt jwt) {
		String scope = jwt.getClaimAsString(WardenAuthorities.SCOPE_CLAIM);
		return (scope != null) ? List.of(scope.trim().split("\\s+")) : List.of();
	}

	private static List<String> strings(@Nullable Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> collection) {
			for (Object value : collection) {
				if (value instanceof String text && !text.isBlank()) {
					values.add(text);
				}
			}
		}
		return values;
	}

	/** The credentials are not good; trying again with them will not help. */
	static final class Refused extends RuntimeException {

		Refused(String reason) {
			super(reason);
		}

	}

	/** The credentials could not be checked now; trying again later may work. */
	static final class Unavailable extends RuntimeException {

		Unavailable(String reason, Throwable cause) {
			super(reason, cause);
		}

	}

}
