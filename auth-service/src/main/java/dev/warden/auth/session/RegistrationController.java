package dev.warden.auth.session;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sign-up")
class RegistrationController {

	/**
	 * The same answer whether or not the account was created, so sign-up reveals no
	 * accounts.
	 */
	static final String ACCEPTED = "If the username and email were free, the account now exists: sign in to use it.";

	private final Registration registration;

	RegistrationController(Registration registration) {
		this.registration = registration;
	}

	@PostMapping("/api/v1/auth/register")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Sign up as a member; role, tier and status cannot be chosen")
	@SecurityRequirements
	Map<String, String> register(@Valid @RequestBody SignUp request) {
		this.registration.register(request.username(), request.email(), request.password(), request.displayName());
		return Map.of("status", "accepted", "message", ACCEPTED);
	}

	/**
	 * A sign-up. The role, tier and status fields exist only to refuse them: an attempt
	 * to choose them is answered with 400, not silently ignored.
	 */
	record SignUp(
			@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
					message = "may contain letters, digits, dots, dashes and underscores") String username,
			@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
			@Nullable @Size(max = 100) String displayName,
			@Null(message = "cannot be chosen at sign-up") @Nullable Object role,
			@Null(message = "cannot be chosen at sign-up") @Nullable Object tier,
			@Null(message = "cannot be chosen at sign-up") @Nullable Object status) {
	}

}
