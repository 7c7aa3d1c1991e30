package dev.warden.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.warden.auth.token.AccessTokens;
import dev.warden.auth.user.Caller;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.platform.problem.FieldError;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys for scripts and agents; the secret is shown once")
class ApiKeyController {

	private final ApiKeys keys;

	private final UserRepository users;

	ApiKeyController(ApiKeys keys, UserRepository users) {
		this.keys = keys;
		this.users = users;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Create an API key for yourself; the response is the only time the key is shown")
	NewKeyResponse create(@Valid @RequestBody NewKeyRequest request, JwtAuthenticationToken authentication) {
		Caller caller = Caller.of(authentication);
		User owner = this.users.findById(caller.id()).orElseThrow(() -> ProblemException.notFound("User"));
		// A key without scopes gets the user scopes: those must be checked against the
		// caller's token too, or a narrow key could mint a wider one by naming none.
		List<String> scopes = (request.scopes() == null || request.scopes().isEmpty()) ? AccessTokens.USER_SCOPES
				: request.scopes();
		if (!ApiKeys.SCOPES.containsAll(scopes)) {
			throw new ProblemException(ProblemTypes.VALIDATION, "Unknown scope; choose from " + ApiKeys.SCOPES + ".")
				.with("errors", List.of(new FieldError("scopes", "must be some of " + ApiKeys.SCOPES)));
		}
		if (!caller.scopes().containsAll(scopes)) {
			throw new ProblemException(ProblemTypes.FORBIDDEN,
					"A key cannot have scopes that your own token does not have.");
		}
		ApiKeys.CreatedApiKey created = this.keys.create(owner, request.name(), scopes, request.expiresAt());
		return new NewKeyResponse(created.key(), created.secret());
	}

	@GetMapping
	@Operation(summary = "List your API keys (administrators: anyone's, with userId)")
	List<ApiKeyView> list(@RequestParam(required = false) @Nullable UUID userId,
			JwtAuthenticationToken authentication) {
		Caller caller = Caller.of(authentication);
		if (userId != null && !userId.equals(caller.id()) && !caller.admin()) {
			throw ProblemException.notFound("User " + userId);
		}
		return this.keys.list((userId != null) ? userId : caller.id());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke an API key; it stops working at once")
	void revoke(@PathVariable UUID id, JwtAuthenticationToken authentication) {
		Caller caller = Caller.of(authentication);
		this.keys.revoke(id, caller.id(), caller.admin());
	}

	record NewKeyRequest(@NotBlank @Size(max = 100) String name, @Nullable @Size(max = 4) List<@NotBlank String> scopes,
			@Nullable Instant expiresAt) {
	}

	record NewKeyResponse(ApiKeyView key, String secret) {
	}

}
