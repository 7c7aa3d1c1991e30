package dev.warden.audit.log;

import java.util.List;
import java.util.UUID;

import dev.warden.audit.chain.AuditRecord;
import dev.warden.audit.chain.ChainVerifier;
import dev.warden.audit.chain.CheckpointKeys;
import dev.warden.audit.chain.Verification;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.security.CurrentActor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail over HTTP. Everything but a member's own records is for admins. */
@RestController
@RequestMapping("/api/v1/audit-logs")
@Validated
class AuditLogController {

	private final AuditLogs logs;

	private final ChainVerifier verifier;

	private final CurrentActor actors;

	private final DeadLetterReplay replays;

	AuditLogController(AuditLogs logs, ChainVerifier verifier, CurrentActor actors, DeadLetterReplay replays) {
		this.logs = logs;
		this.replays = replays;
		this.verifier = verifier;
		this.actors = actors;
	}

	@GetMapping
	@PreAuthorize(Admins.EXPRESSION)
	AuditLogPage find(@ModelAttribute FilterParameters filter, @ModelAttribute PageParameters page) {
		return page(filter, page, null);
	}

	@GetMapping("/me")
	AuditLogPage mine(@ModelAttribute FilterParameters filter, @ModelAttribute PageParameters page) {
		return page(filter, page, this.actors.get().id());
	}

	/**
	 * One record, by the id of the event it was stored from. A member asking for another
	 * actor's record gets the same 404 as for one that does not exist, so that ids cannot
	 * be probed.
	 */
	@GetMapping("/{id}")
	AuditRecord one(@PathVariable("id") String id, Authentication authentication) {
		UUID eventId;
		try {
			eventId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw ParameterErrors.invalid("id", "must be an event id (a UUID)");
		}
		String onlyActor = Admins.is(authentication) ? null : this.actors.get().id();
		return this.logs.find(eventId, onlyActor)
			.orElseThrow(() -> ProblemException.notFound("Audit record " + eventId));
	}

	@GetMapping("/verify")
	@PreAuthorize(Admins.EXPRESSION)
	Verification verify(@RequestParam(defaultValue = "1") @Min(1) long fromSequence,
			@RequestParam(defaultValue = "9223372036854775807") @Min(1) long toSequence) {
		return this.verifier.verify(fromSequence, toSequence);
	}

	/**
	 * The public keys checkpoints are signed with, for an auditor who checks the
	 * checkpoints read from Kafka without Warden. Public, but for admins like verify:
	 * which keys and key ids are in use is nobody else's business.
	 */
	@GetMapping("/checkpoint-keys")
	@PreAuthorize(Admins.EXPRESSION)
	CheckpointKeys checkpointKeys() {
		return this.verifier.checkpointKeys();
	}

	@GetMapping("/dead-letters")
	@PreAuthorize(Admins.EXPRESSION)
	List<DeadLetter> deadLetters(@RequestParam @Nullable @Min(1) Long before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.logs.deadLetters(before, limit);
	}

	/**
	 * Publishes a dead letter to {@code audit.events} again. Idempotent: a dead letter is
	 * replayed once, later calls answer how it was.
	 */
	@PostMapping("/dead-letters/{id}/replay")
	@PreAuthorize(Admins.EXPRESSION)
	DeadLetter replay(@PathVariable("id") @Min(1) long id) {
		return this.replays.replay(id, this.actors.get().id());
	}

	private AuditLogPage page(FilterParameters parameters, PageParameters page, @Nullable String onlyActor) {
		ParameterErrors errors = new ParameterErrors();
		AuditFilter filter = parameters.toFilter(errors);
		Long after = page.after(errors);
		int limit = page.size(errors);
		errors.throwIfAny();
		return this.logs.find((onlyActor != null) ? filter.forActor(onlyActor) : filter, after, limit);
	}

}
