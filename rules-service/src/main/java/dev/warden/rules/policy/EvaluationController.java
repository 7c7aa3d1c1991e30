package dev.warden.rules.policy;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import dev.warden.rules.engine.Evaluation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Evaluation", description = "Judge a command line against the policy")
class EvaluationController {

	/** The longest command line judged; longer ones are refused before parsing. */
	static final int MAX_COMMAND = 65_536;

	private final PolicyEngine engine;

	EvaluationController(PolicyEngine engine) {
		this.engine = engine;
	}

	@PostMapping("/api/v1/rules/evaluate")
	@Operation(summary = "Dry run: what would the policy decide for this command, and why? Administrators may "
			+ "evaluate for other roles")
	Evaluation dryRun(@Valid @RequestBody DryRun request, Authentication authentication) {
		Set<String> own = roles(authentication);
		Set<String> roles = (request.roles() != null && own.contains("ADMIN")) ? request.roles() : own;
		return this.engine.evaluate(request.command(), roles);
	}

	@PostMapping("/internal/v1/evaluate")
	@Operation(summary = "For services: judge a command for a caller with these roles")
	Evaluation evaluate(@Valid @RequestBody ServiceEvaluation request) {
		return this.engine.evaluate(request.command(), request.roles());
	}

	@GetMapping("/api/v1/rules/policy")
	@Operation(summary = "The policy version this replica serves")
	PolicyInfo policy() {
		var snapshot = this.engine.snapshot();
		return new PolicyInfo(snapshot.version(), snapshot.rules().size(), this.engine.loadedAt());
	}

	private static Set<String> roles(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toUnmodifiableSet());
	}

	record DryRun(@NotNull @Size(max = MAX_COMMAND) String command, @Nullable Set<String> roles) {
	}

	record ServiceEvaluation(@NotNull @Size(max = MAX_COMMAND) String command, @NotNull Set<String> roles,
			@Nullable String userId) {
	}

	record PolicyInfo(long version, int enabledRules, Instant loadedAt) {
	}

}
