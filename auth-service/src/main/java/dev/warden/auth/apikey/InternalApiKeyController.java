package dev.warden.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.warden.auth.config.AuthProperties;
import dev.warden.auth.token.AccessTokens;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway (service tokens only): checks an API key and exchanges it for a
 * short-lived access token, so that services behind the gateway only ever see JWTs.
 */
@RestController
@RequestMapping("/internal/v1/api-keys")
@Tag(name = "Internal: API keys", description = "Service tokens only; never routed by the gateway")
class InternalApiKeyController {

	private final ApiKeys keys;

	private final AccessTokens tokens;

	private final AuthProperties properties;

	InternalApiKeyController(ApiKeys keys, AccessTokens tokens, AuthProperties properties) {
		this.keys = keys;
		this.tokens = tokens;
		this.properties = properties;
	}

	@PostMapping("/verify")
	@Operation(summary = "Check an API key")
	KeyIdentity verify(@Valid @RequestBody KeyRequest request) {
		return identity(verified(request));
	}

	@PostMapping("/exchange")
	@Operation(summary = "Check an API key and get a short-lived access token for it")
	Exchanged exchange(@Valid @RequestBody KeyRequest request) {
		ApiKeys.VerifiedApiKey key = verified(request);
		AccessTokens.IssuedToken token = this.tokens.forUser(key.owner(), "api-key:" + key.keyId(), key.scopes(),
				this.properties.apiKeyTokenLifetime());
		return new Exchanged(token.value(), "Bearer", token.expiresIn(), identity(key));
	}

	private ApiKeys.VerifiedApiKey verified(KeyRequest request) {
		return this.keys.verify(request.key())
			.orElseThrow(() -> ProblemException.notFound("A valid API key with this value"));
	}

	private static KeyIdentity identity(ApiKeys.VerifiedApiKey key) {
		return new KeyIdentity(key.keyId(), key.owner().getId(), key.owner().getUsername(), key.owner().getRole(),
				key.owner().getTier(), key.scopes(), key.expiresAt());
	}

	record KeyRequest(@NotBlank @Size(max = 200) String key) {
	}

	record KeyIdentity(UUID keyId, UUID userId, String username, Role role, Tier tier, List<String> scopes,
			@Nullable Instant expiresAt) {
	}

	record Exchanged(String accessToken, String tokenType, long expiresIn, KeyIdentity key) {
	}

}
