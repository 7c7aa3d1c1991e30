package dev.warden.rules.rule;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.Conflict;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rules")
@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
@Tag(name = "Rules (admin)", description = "Create, change and delete rules, with exact conflict detection")
class RuleController {

	private final Rules rules;

	private final RulePackImporter importer;

	RuleController(Rules rules, RulePackImporter importer) {
		this.rules = rules;
		this.importer = importer;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a rule (seed 000's POST /rules); 409 lists conflicting rules with a witness command")
	RuleView create(@Valid @RequestBody RuleRequest request, @RequestParam(defaultValue = "false") boolean force) {
		return this.rules.create(request.definition(), force, request.reason());
	}

	@GetMapping
	@Operation(summary = "Every rule that is not deleted")
	List<RuleView> list() {
		return this.rules.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One rule")
	RuleView get(@PathVariable UUID id) {
		return this.rules.get(id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a rule; send the version you read, and a reason")
	RuleView update(@PathVariable UUID id, @Valid @RequestBody RuleRequest request,
			@RequestParam(defaultValue = "false") boolean force) {
		if (request.version() == null) {
			throw new ProblemException(ProblemTypes.VALIDATION, "Send the version of the rule you changed.")
				.with("errors", List.of(new dev.warden.platform.problem.FieldError("version", "must not be null")));
		}
		return this.rules.update(id, request.definition(), request.version(), force, request.reason());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a rule; it stays in the history")
	void delete(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason) {
		this.rules.delete(id, reason);
	}

	@GetMapping("/{id}/history")
	@Operation(summary = "Every version of a rule, with who changed it, when and why")
	List<RuleVersionView> history(@PathVariable UUID id) {
		return this.rules.history(id);
	}

	@PostMapping("/check")
	@Operation(summary = "Check a rule for conflicts without saving it")
	List<Conflict> check(@Valid @RequestBody RuleRequest request) {
		return this.rules.conflictsOf(request.definition());
	}

	@PostMapping("/import/default")
	@Operation(summary = "Import the default rule pack; existing names are kept")
	RulePackImporter.ImportResult importDefault() {
		return this.importer.importPack(RulePack.loadDefault());
	}

	/**
	 * A rule as clients send it.
	 *
	 * @param name a name: letters, digits, dots, dashes and underscores
	 * @param pattern the pattern (RE2 syntax; see docs/rules.md)
	 * @param action what it decides
	 * @param roles the roles it applies to; none for everyone
	 * @param creditCost what a command it allows costs; 1 if not given
	 * @param enabled whether it takes part; true if not given
	 * @param description why it exists
	 * @param reason why this change is made; required with force=true
	 * @param version the version being changed (updates only)
	 */
	record RuleRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+",
					message = "may contain letters, digits, dots, dashes and underscores") String name,
			@NotBlank @Size(max = 1000) String pattern, @NotNull Action action,
			@Nullable @Size(max = 20) Set<@NotBlank @Size(max = 50) String> roles,
			@Nullable @Min(0) @Max(10000) Integer creditCost, @Nullable Boolean enabled,
			@Nullable @Size(max = 1000) String description, @Nullable @Size(max = 500) String reason,
			@Nullable @Min(1) Integer version) {

		RuleDefinition definition() {
			return new RuleDefinition(this.name, this.pattern, this.action,
					(this.roles != null) ? this.roles : Set.of(), (this.creditCost != null) ? this.creditCost : 1,
					(this.enabled == null) || this.enabled, this.description);
		}

	}

}
