package dev.warden.command.credit;

import java.util.List;
import java.util.UUID;

import dev.warden.command.caller.Caller;
import dev.warden.command.caller.UserId;
import dev.warden.command.caller.UserIds;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/credits")
@Validated
@Tag(name = "Credits", description = "Balances, the ledger, and grants")
class CreditController {

	private final Credits credits;

	private final CreditProperties properties;

	CreditController(Credits credits, CreditProperties properties) {
		this.credits = credits;
		this.properties = properties;
	}

	@GetMapping("/me")
	@Operation(summary = "Your balance and what is held for running commands")
	CreditAccount mine(Caller caller) {
		this.credits.open(caller.userId(), caller.tier(), caller.actor());
		return this.credits.account(caller.userId());
	}

	@GetMapping("/me/ledger")
	@Operation(summary = "Your ledger, newest first; page with before=<last id>")
	List<LedgerEntry> myLedger(@RequestParam(required = false) @Nullable UUID before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, Caller caller) {
		return this.credits.ledger(caller.userId(), before, limit);
	}

	@GetMapping("/{userId}")
	@Operation(summary = "A user's balance (administrators, or the user)")
	CreditAccount account(@PathVariable @UserId String userId, Caller caller) {
		String user = UserIds.canonical(userId);
		requireSelfOrAdmin(user, caller);
		return this.credits.account(user);
	}

	@GetMapping("/{userId}/ledger")
	@Operation(summary = "A user's ledger, newest first (administrators, or the user)")
	List<LedgerEntry> ledger(@PathVariable @UserId String userId, @RequestParam(required = false) @Nullable UUID before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, Caller caller) {
		String user = UserIds.canonical(userId);
		requireSelfOrAdmin(user, caller);
		return this.credits.ledger(user, before, limit);
	}

	@PostMapping("/{userId}/grants")
	@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
	@Operation(summary = "Grant credits to a user, or take some back with a negative amount (administrators)")
	ResponseEntity<CreditAccount> grant(@PathVariable @UserId String userId, @Valid @RequestBody GrantRequest body,
			Caller caller) {
		// Not Math.abs: it leaves Long.MIN_VALUE negative, which passed as a small
		// amount.
		long max = this.properties.maxGrant();
		if (body.amount() == 0 || body.amount() > max || body.amount() < -max) {
			throw new ProblemException(ProblemTypes.VALIDATION, "The amount is not acceptable.").with("errors",
					List.of(new dev.warden.platform.problem.FieldError("amount",
							"must be non-zero and at most " + max + " either way")));
		}
		return ResponseEntity
			.ok(this.credits.grant(UserIds.canonical(userId), body.amount(), body.note(), caller.actor()));
	}

	private static void requireSelfOrAdmin(String userId, Caller caller) {
		if (!caller.admin() && !caller.userId().equals(userId)) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "Only administrators read other users' credits.");
		}
	}

	record GrantRequest(long amount, @NotBlank @Size(max = 500) String note) {
	}

}
