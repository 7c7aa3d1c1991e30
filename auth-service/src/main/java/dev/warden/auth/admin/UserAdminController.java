package dev.warden.auth.admin;

import java.util.List;
import java.util.UUID;

import dev.warden.auth.user.Caller;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
@Validated
@Tag(name = "Users (admin)", description = "Create users with a one-time API key, list, change role or tier, block")
class UserAdminController {

	private final UserAdministration administration;

	UserAdminController(UserAdministration administration) {
		this.administration = administration;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a user and their first API key (seed 000's POST /users); the key is shown once")
	CreatedUserResponse create(@Valid @RequestBody CreateUserRequest request) {
		UserAdministration.CreatedUser created = this.administration
			.create(new UserAdministration.NewUser(request.username(), request.email(), request.displayName(),
					request.role(), request.tier(), request.password()));
		return new CreatedUserResponse(created.user(), created.apiKey().secret(), created.apiKey().key().id());
	}

	@GetMapping
	@Operation(summary = "List users, oldest first; pass the last id of a page as 'after' for the next")
	Page list(@RequestParam(required = false) @Nullable UUID after,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		List<UserView> users = this.administration.list(after, limit);
		UUID next = (users.size() == limit) ? users.getLast().id() : null;
		return new Page(users, next);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One user")
	UserView get(@PathVariable UUID id) {
		return this.administration.get(id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a user's role or tier")
	UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request,
			JwtAuthenticationToken authentication) {
		return this.administration.update(id, request.role(), request.tier(), Caller.of(authentication).id());
	}

	@PostMapping("/{id}/block")
	@Operation(summary = "Block a user: sessions end and API keys stop working at once")
	UserView block(@PathVariable UUID id, @Valid @RequestBody BlockRequest request,
			JwtAuthenticationToken authentication) {
		return this.administration.block(id, request.reason(), Caller.of(authentication).id());
	}

	@PostMapping("/{id}/unblock")
	@Operation(summary = "Unblock a user")
	UserView unblock(@PathVariable UUID id) {
		return this.administration.unblock(id);
	}

	record CreateUserRequest(
			@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
					message = "may contain letters, digits, dots, dashes and underscores") String username,
			@NotBlank @Email @Size(max = 254) String email, @Nullable @Size(max = 100) String displayName,
			@Nullable Role role, @Nullable Tier tier, @Nullable @Size(max = 1024) String password) {
	}

	record CreatedUserResponse(UserView user, String apiKey, UUID apiKeyId) {
	}

	record UpdateUserRequest(@Nullable Role role, @Nullable Tier tier) {
	}

	record BlockRequest(@NotBlank @Size(max = 500) String reason) {
	}

	record Page(List<UserView> items, @Nullable UUID next) {
	}

}
