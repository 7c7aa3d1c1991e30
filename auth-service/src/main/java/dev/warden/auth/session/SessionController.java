package dev.warden.auth.session;

import java.util.List;
import java.util.Set;

import dev.warden.auth.user.Caller;
import dev.warden.auth.user.UserRepository;
import dev.warden.auth.user.UserView;
import dev.warden.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Sign-in", description = "Sign in, refresh, sign out, who am I")
class SessionController {

	private final Sessions sessions;

	private final UserRepository users;

	SessionController(Sessions sessions, UserRepository users) {
		this.sessions = sessions;
		this.users = users;
	}

	@PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Sign in with a username or email and a password")
	@SecurityRequirements
	ResponseEntity<TokenResponse> login(@Valid @RequestBody Credentials credentials) {
		return noStore(
				this.sessions.signIn(credentials.username(), credentials.password(), null, credentials.clientId()));
	}

	/** Seed 003 signs in with a form ({@code username=...&password=...}). */
	@PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Sign in with a form, as seed 003's admin login does")
	@SecurityRequirements
	ResponseEntity<TokenResponse> loginForm(@Valid @ModelAttribute Credentials credentials) {
		return login(credentials);
	}

	@PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange a refresh token for new tokens; the old refresh token stops working")
	@SecurityRequirements
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
		return noStore(this.sessions.refresh(request.refreshToken()));
	}

	@PostMapping(path = "/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Sign out: the refresh token and every token rotated from it stop working")
	@SecurityRequirements
	void logout(@Valid @RequestBody RefreshRequest request) {
		this.sessions.signOut(request.refreshToken());
	}

	@GetMapping("/me")
	@Operation(summary = "Who the access token belongs to")
	Me me(JwtAuthenticationToken authentication) {
		Caller caller = Caller.of(authentication);
		UserView user = this.users.findById(caller.id())
			.map(UserView::of)
			.orElseThrow(() -> ProblemException.notFound("User " + caller.id()));
		return new Me(user, caller.scopes(), caller.clientId());
	}

	private static ResponseEntity<TokenResponse> noStore(TokenResponse response) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
	}

	record Credentials(@NotBlank @Size(max = 320) String username, @NotBlank @Size(max = 1024) String password,
			@Nullable @Size(max = 100) String clientId) {
	}

	record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
	}

	record Me(UserView user, Set<String> scopes, String clientId) {
	}

}
