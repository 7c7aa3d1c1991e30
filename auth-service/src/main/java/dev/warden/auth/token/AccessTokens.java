package dev.warden.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.auth.config.AuthProperties;
import dev.warden.auth.user.User;
import dev.warden.contracts.EventIds;

import org.springframework.stereotype.Component;

/**
 * Signs access tokens as RFC 8725 and RFC 9068 ask: RS256 only, {@code typ}
 * {@code at+jwt}, a {@code kid}, and {@code iss}, {@code aud}, {@code sub},
 * {@code client_id}, {@code iat}, {@code exp} and a unique {@code jti}.
 */
@Component
public class AccessTokens {

	/** The scope of service tokens; only they may call {@code /internal/**}. */
	public static final String INTERNAL_SCOPE = "internal";

	/**
	 * The scopes a user's own sign-in grants; an API key may be limited to some of them.
	 */
	public static final List<String> USER_SCOPES = List.of("commands", "llm", "terminal");

	/** The extra scope of administrators. */
	public static final String ADMIN_SCOPE = "admin";

	private final SigningKeys keys;

	private final AuthProperties properties;

	AccessTokens(SigningKeys keys, AuthProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	/**
	 * Signs a token for a user.
	 * @param user the user
	 * @param clientId who the token is for: the app that signed in, or
	 * {@code api-key:<id>}
	 * @param scopes what it may be used for
	 * @param lifetime how long it is valid
	 * @return the token
	 */
	public IssuedToken forUser(User user, String clientId, List<String> scopes, Duration lifetime) {
		JWTClaimsSet.Builder claims = base(user.getId().toString(), clientId, scopes, lifetime)
			.claim("preferred_username", user.getUsername())
			.claim("roles", List.of(user.getRole().name()))
			.claim("tier", user.getTier().name());
		if (user.getDisplayName() != null) {
			claims.claim("name", user.getDisplayName());
		}
		return sign(claims.build(), scopes);
	}

	/**
	 * Signs a service token (client-credentials grant).
	 * @param clientId the service
	 * @return the token
	 */
	public IssuedToken forService(String clientId) {
		List<String> scopes = List.of(INTERNAL_SCOPE);
		JWTClaimsSet claims = base(clientId, clientId, scopes, this.properties.serviceTokenLifetime())
			.claim("preferred_username", clientId)
			.claim("roles", List.of())
			.build();
		return sign(claims, scopes);
	}

	/**
	 * Returns the scopes a user's own sign-in grants.
	 * @param user the user
	 * @return the scopes
	 */
	public static List<String> scopesOf(User user) {
		if (user.getRole() == dev.warden.auth.user.Role.ADMIN) {
			return java.util.stream.Stream.concat(USER_SCOPES.stream(), java.util.stream.Stream.of(ADMIN_SCOPE))
				.toList();
		}
		return USER_SCOPES;
	}

	private JWTClaimsSet.Builder base(String subject, String clientId, List<String> scopes, Duration lifetime) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.audience(List.of(this.properties.audience()))
			.subject(subject)
			.claim("client_id", clientId)
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(EventIds.next().toString());
	}

	private IssuedToken sign(JWTClaimsSet claims, List<String> scopes) {
		RSAKey key = this.keys.signingKey();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
				.keyID(key.getKeyID())
				.build(), claims);
			jwt.sign(new RSASSASigner(key));
			return new IssuedToken(jwt.serialize(), claims.getExpirationTime().toInstant(), scopes);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
	}

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWT
	 * @param expiresAt when it expires
	 * @param scopes what it may be used for
	 */
	public record IssuedToken(String value, Instant expiresAt, List<String> scopes) {

		/**
		 * Returns the seconds until expiry, for {@code expires_in}.
		 * @return the seconds
		 */
		public long expiresIn() {
			return Math.max(0, Duration.between(Instant.now(), this.expiresAt).toSeconds());
		}

	}

}
