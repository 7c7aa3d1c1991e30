package dev.warden.audit.log;

import java.util.List;

import dev.warden.audit.chain.ChainVerifier;
import dev.warden.audit.chain.Verification;
import dev.warden.contracts.audit.Outcome;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail over HTTP. Everything but a member's own records is for admins. */
@RestController
@RequestMapping("/api/v1/audit-logs")
@Validated
class AuditLogController {

	private static final String ADMIN = "hasRole('ADMIN') and hasAuthority('SCOPE_admin')";

	private final AuditLogs logs;

	private final ChainVerifier verifier;

	AuditLogController(AuditLogs logs, ChainVerifier verifier) {
		this.logs = logs;
		this.verifier = verifier;
	}

	@GetMapping
	@PreAuthorize(ADMIN)
	AuditLogPage find(@RequestParam @Nullable @Size(max = 200) String actorId,
			@RequestParam @Nullable @Size(max = 200) String action, @RequestParam @Nullable Outcome outcome,
			@RequestParam @Nullable @Min(1) Long before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.logs.find(actorId, action, (outcome != null) ? outcome.name() : null, before, limit);
	}

	@GetMapping("/me")
	AuditLogPage mine(@AuthenticationPrincipal Jwt caller, @RequestParam @Nullable @Size(max = 200) String action,
			@RequestParam @Nullable Outcome outcome, @RequestParam @Nullable @Min(1) Long before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.logs.find(caller.getSubject(), action, (outcome != null) ? outcome.name() : null, before, limit);
	}

	@GetMapping("/verify")
	@PreAuthorize(ADMIN)
	Verification verify(@RequestParam(defaultValue = "1") @Min(1) long fromSequence,
			@RequestParam(defaultValue = "9223372036854775807") @Min(1) long toSequence) {
		return this.verifier.verify(fromSequence, toSequence);
	}

	@GetMapping("/dead-letters")
	@PreAuthorize(ADMIN)
	List<DeadLetter> deadLetters(@RequestParam @Nullable @Min(1) Long before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.logs.deadLetters(before, limit);
	}

}
