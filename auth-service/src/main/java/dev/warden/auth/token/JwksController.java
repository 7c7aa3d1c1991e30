package dev.warden.auth.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.auth.config.AuthProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The public keys (JWKS) and a minimal OpenID Provider configuration. */
@RestController
class JwksController {

	private final SigningKeys keys;

	private final AuthProperties properties;

	JwksController(SigningKeys keys, AuthProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@GetMapping(path = "/.well-known/jwks.json",
			produces = { "application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "The public keys that verify Warden's access tokens")
	@SecurityRequirements
	ResponseEntity<Map<String, Object>> jwks() {
		// Short caching: a rotated key must reach verifiers well within a token's
		// lifetime.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(SigningKeys.CACHE_TTL).cachePublic())
			.body(this.keys.publicKeys().toJSONObject(true));
	}

	@GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Where the token endpoint and keys are, and what they support")
	@SecurityRequirements
	Map<String, Object> discovery() {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.properties.issuer());
		document.put("jwks_uri", base + "/.well-known/jwks.json");
		document.put("token_endpoint", base + "/api/v1/auth/token");
		document.put("userinfo_endpoint", base + "/api/v1/auth/me");
		document.put("grant_types_supported", List.of("password", "refresh_token", "client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("scopes_supported", List.of("commands", "llm", "terminal", "admin"));
		document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope",
				"preferred_username", "roles", "tier"));
		return document;
	}

}
