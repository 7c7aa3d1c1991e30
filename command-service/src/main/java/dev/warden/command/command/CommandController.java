package dev.warden.command.command;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.warden.command.approval.ApprovalView;
import dev.warden.command.caller.Caller;
import dev.warden.command.caller.UserId;
import dev.warden.command.caller.UserIds;
import dev.warden.command.execution.Target;
import dev.warden.command.idempotency.IdempotencyKey;
import dev.warden.command.policy.PolicyDecision;
import dev.warden.platform.Digests;
import dev.warden.platform.problem.FieldError;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Commands", description = "Submit commands, run approved ones, and read their history")
class CommandController {

	/** Set on an answer that repeats the first answer to the same idempotency key. */
	static final String REPLAYED = "Idempotent-Replayed";

	private final Commands commands;

	private final CommandHistory history;

	private final CommandProperties properties;

	private final JsonMapper json;

	CommandController(Commands commands, CommandHistory history, CommandProperties properties, JsonMapper json) {
		this.commands = commands;
		this.history = history;
		this.properties = properties;
		this.json = json;
	}

	@PostMapping("/api/v1/commands")
	@Operation(summary = "Submit a command: 201 when it ran (see status and exitCode), 202 when it waits for "
			+ "approval, 403 when the policy blocks it, 402 when credits are short, 503 when no decision could be had. "
			+ "Send an Idempotency-Key header to retry safely")
	ResponseEntity<Object> submit(@Valid @RequestBody SubmitRequest body,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey,
			Caller caller) {
		checkCommand(body.command());
		Target target = Target.parse(targetOf(body));
		Duration timeout = timeout(body.timeoutSeconds());
		Submission submission = new Submission(body.command(), target, timeout,
				fingerprint(body.command(), target.toString(), timeout));
		IdempotencyKey key = (idempotencyKey != null) ? IdempotencyKey.parse(caller.userId(), idempotencyKey) : null;
		return respond(this.commands.submit(submission, caller, key));
	}

	@PostMapping("/api/v1/approvals/{id}/execute")
	@Operation(summary = "Run the command of your approved request, once. Answers as a submission does")
	ResponseEntity<Object> executeApproved(@PathVariable UUID id,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey,
			Caller caller) {
		IdempotencyKey key = (idempotencyKey != null) ? IdempotencyKey.parse(caller.userId(), idempotencyKey) : null;
		return respond(this.commands.executeApproved(id, caller, key));
	}

	@GetMapping("/api/v1/commands")
	@Operation(summary = "Command history, newest first: your own, or anyone's for administrators. "
			+ "Page with before=<last id>")
	List<CommandView> list(@RequestParam(required = false) @Nullable @UserId String userId,
			@RequestParam(required = false) @Nullable CommandStatus status,
			@RequestParam(required = false) @Nullable String target,
			@RequestParam(required = false) @Nullable UUID before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, Caller caller) {
		String owner = (userId != null) ? UserIds.canonical(userId) : null;
		if (!caller.admin()) {
			if (owner != null && !owner.equals(caller.userId())) {
				throw new ProblemException(ProblemTypes.FORBIDDEN, "Members read only their own commands.");
			}
			owner = caller.userId();
		}
		return this.history.list(owner, status, target, before, limit);
	}

	@GetMapping("/api/v1/commands/{id}")
	@Operation(summary = "One command: your own, or any for administrators")
	CommandView get(@PathVariable UUID id, Caller caller) {
		return this.history.find(id)
			.filter((command) -> caller.admin() || command.userId().equals(caller.userId()))
			.orElseThrow(() -> ProblemException.notFound("Command " + id));
	}

	private ResponseEntity<Object> respond(Answer answer) {
		return switch (answer) {
			case Answer.Ran ran -> ResponseEntity.created(URI.create("/api/v1/commands/" + ran.command().id()))
				.headers((headers) -> replayed(headers, ran))
				.body(ran.command());
			case Answer.AwaitingApproval waiting -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/approvals/" + waiting.approval().id()))
				.headers((headers) -> replayed(headers, waiting))
				.body(new AwaitingApprovalResponse(waiting.command(), waiting.approval()));
			case Answer.Rejected rejected -> throw CommandProblems.blocked(rejected.command(),
					List.of(this.json.readValue(rejected.command().matches(), PolicyDecision.MatchedRule[].class)));
		};
	}

	private static void replayed(org.springframework.http.HttpHeaders headers, Answer answer) {
		if (answer.replayed()) {
			headers.set(REPLAYED, "true");
		}
	}

	private void checkCommand(String command) {
		List<FieldError> errors = new ArrayList<>();
		if (command.getBytes(StandardCharsets.UTF_8).length > this.properties.maxLength()) {
			errors.add(new FieldError("command", "must be at most " + this.properties.maxLength() + " bytes"));
		}
		if (command.indexOf('\0') >= 0) {
			errors.add(new FieldError("command", "must not contain NUL bytes"));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemTypes.VALIDATION, "The command is not acceptable.").with("errors",
					errors);
		}
	}

	private Duration timeout(@Nullable Integer seconds) {
		if (seconds == null) {
			return this.properties.timeout();
		}
		Duration asked = Duration.ofSeconds(seconds);
		if (asked.compareTo(this.properties.maxTimeout()) > 0) {
			throw new ProblemException(ProblemTypes.VALIDATION, "The time limit is too long.").with("errors", List
				.of(new FieldError("timeoutSeconds", "must be at most " + this.properties.maxTimeout().toSeconds())));
		}
		return asked;
	}

	/**
	 * Identifies a submission for its idempotency key. It must be the same on every
	 * replica and after restarts, so it is built from fields in a fixed order, separated
	 * by NUL, which a command cannot contain.
	 */
	static String fingerprint(String command, String target, Duration timeout) {
		return Digests.sha256Hex(command + '\0' + target + '\0' + timeout.toSeconds());
	}

	/** The target the request names, or the configured default for seed 000's clients. */
	private String targetOf(SubmitRequest body) {
		if (body.target() != null) {
			return body.target();
		}
		String fallback = this.properties.defaultTarget();
		if (fallback == null || fallback.isBlank()) {
			throw new ProblemException(ProblemTypes.VALIDATION, "Name the target the command runs on.").with("errors",
					List.of(new FieldError("target", "must not be null")));
		}
		return fallback;
	}

	record SubmitRequest(@NotBlank @Size(max = 65_536) String command, @Nullable @Size(max = 200) String target,
			@Nullable @Min(1) Integer timeoutSeconds) {
	}

	record AwaitingApprovalResponse(CommandView command, ApprovalView approval) {
	}

}
