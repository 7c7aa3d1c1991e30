package dev.warden.auth.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.warden.auth.client.ServiceClients;
import dev.warden.auth.token.AccessTokens;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;
import dev.warden.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 token endpoint (RFC 6749), for seeds 001 and 003 and for services: the
 * password grant as a form, the refresh-token grant, and the client-credentials grant.
 * Errors carry RFC 6749's {@code error} and {@code error_description} inside the problem
 * body, so OAuth clients and problem-aware clients both understand them.
 */
@RestController
@Tag(name = "Sign-in")
class TokenEndpoint {

	/**
	 * RFC 6749's 400 for a bad grant: the platform's malformed-request problem with OAuth
	 * members.
	 */
	private static final ProblemType INVALID_GRANT = ProblemTypes.MALFORMED_REQUEST;

	private final Sessions sessions;

	private final ServiceClients clients;

	private final AccessTokens tokens;

	TokenEndpoint(Sessions sessions, ServiceClients clients, AccessTokens tokens) {
		this.sessions = sessions;
		this.clients = clients;
		this.tokens = tokens;
	}

	@PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Get tokens: grant_type=password (username, password), refresh_token (refresh_token) "
			+ "or client_credentials (services, HTTP Basic)")
	@SecurityRequirements
	ResponseEntity<TokenResponse> token(@RequestParam MultiValueMap<String, String> form,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		String grantType = single(form, "grant_type");
		TokenResponse response = switch (grantType) {
			case "password" -> asGrantError(() -> this.sessions.signIn(required(form, "username"),
					required(form, "password"), form.getFirst("scope"), form.getFirst("client_id")));
			case "refresh_token" -> asGrantError(() -> this.sessions.refresh(required(form, "refresh_token")));
			case "client_credentials" -> clientCredentials(form, authorization);
			default -> throw oauthError(INVALID_GRANT, "unsupported_grant_type",
					"grant_type must be password, refresh_token or client_credentials.");
		};
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(response);
	}

	private TokenResponse clientCredentials(MultiValueMap<String, String> form, @Nullable String authorization) {
		String[] credentials = basicCredentials(authorization)
			.orElseGet(() -> new String[] { form.getFirst("client_id"), form.getFirst("client_secret") });
		if (credentials[0] == null || credentials[1] == null) {
			throw invalidClient();
		}
		String clientId = this.clients.authenticate(credentials[0], credentials[1])
			.orElseThrow(TokenEndpoint::invalidClient);
		return TokenResponse.of(this.tokens.forService(clientId), null);
	}

	private static TokenResponse asGrantError(java.util.function.Supplier<TokenResponse> grant) {
		try {
			return grant.get();
		}
		catch (ProblemException ex) {
			if (ex.type() == ProblemTypes.UNAUTHORIZED && "invalid_grant".equals(ex.properties().get("error"))) {
				// RFC 6749 answers a wrong password or refresh token with 400
				// invalid_grant.
				throw oauthError(INVALID_GRANT, "invalid_grant",
						String.valueOf(ex.properties().get("error_description")));
			}
			throw ex;
		}
	}

	private static Optional<String[]> basicCredentials(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return Optional.empty();
			}
			// RFC 6749 section 2.3.1: both parts are form-encoded inside Basic.
			return Optional
				.of(new String[] { java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
						java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) });
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String single(MultiValueMap<String, String> form, String name) {
		java.util.List<String> values = form.get(name);
		if (values == null || values.size() != 1 || values.getFirst().isBlank()) {
			throw oauthError(INVALID_GRANT, "invalid_request", name + " is required, once.");
		}
		return values.getFirst();
	}

	private static String required(MultiValueMap<String, String> form, String name) {
		return single(form, name);
	}

	private static ProblemException invalidClient() {
		return new ProblemException(ProblemTypes.UNAUTHORIZED, "The client credentials are not valid.")
			.with("error", "invalid_client")
			.with("error_description", "The client credentials are not valid.");
	}

	private static ProblemException oauthError(ProblemType type, String error, String description) {
		return new ProblemException(type, description).with("error", error).with("error_description", description);
	}

}
