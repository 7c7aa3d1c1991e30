package dev.warden.command.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.warden.command.approval.ApprovalRequest;
import dev.warden.command.approval.ApprovalView;
import dev.warden.command.approval.Approvals;
import dev.warden.command.approval.Viewer;
import dev.warden.command.caller.Caller;
import dev.warden.command.credit.Credits;
import dev.warden.command.credit.InsufficientCreditsException;
import dev.warden.command.execution.ExecutionFailedException;
import dev.warden.command.execution.ExecutionRequest;
import dev.warden.command.execution.ExecutionResult;
import dev.warden.command.execution.Executor;
import dev.warden.command.execution.ExecutorRegistry;
import dev.warden.command.idempotency.Claim;
import dev.warden.command.idempotency.Idempotency;
import dev.warden.command.idempotency.IdempotencyKey;
import dev.warden.command.policy.Policy;
import dev.warden.command.policy.PolicyDecision;
import dev.warden.command.policy.PolicyUnavailableException;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command pipeline: judge, then block, hold for approval, or reserve credits, run and
 * settle. Each step that changes state commits with its audit record before the next
 * begins, so that a crash at any point leaves a state the sweeper or a retry can finish:
 * credits are charged only for a run whose success was recorded.
 */
@Service
@EnableConfigurationProperties(CommandProperties.class)
public class Commands {

	private static final Logger logger = LoggerFactory.getLogger(Commands.class);

	/**
	 * How often saving a run's outcome is tried before the run is left to the sweeper.
	 */
	private static final int DURABLE_ATTEMPTS = 6;

	private final Policy policy;

	private final Approvals approvals;

	private final Credits credits;

	private final CommandRepository repository;

	private final Idempotency idempotency;

	private final ExecutorRegistry executors;

	private final Settlements settlements;

	private final Audit audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final CommandProperties properties;

	private final JsonMapper json;

	private final CommandMetrics metrics;

	private final ExecutionObserver observer;

	private final java.util.Set<String> openedAccounts = java.util.concurrent.ConcurrentHashMap.newKeySet();

	Commands(Policy policy, Approvals approvals, Credits credits, CommandRepository repository, Idempotency idempotency,
			ExecutorRegistry executors, Settlements settlements, Audit audit, TransactionTemplate transaction,
			Clock clock, CommandProperties properties, JsonMapper json, CommandMetrics metrics,
			ObjectProvider<ExecutionObserver> observer) {
		this.policy = policy;
		this.approvals = approvals;
		this.credits = credits;
		this.repository = repository;
		this.idempotency = idempotency;
		this.executors = executors;
		this.settlements = settlements;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
		this.properties = properties;
		this.json = json;
		this.metrics = metrics;
		this.observer = observer.getIfAvailable(() -> ExecutionObserver.NONE);
	}

	/**
	 * Submits a command.
	 * @param submission the command, its target and time limit
	 * @param caller who submits it
	 * @param key the request's idempotency key, if it has one
	 * @return how it was answered
	 * @throws ProblemException when it is refused before or instead of running
	 */
	Answer submit(Submission submission, Caller caller, @Nullable IdempotencyKey key) {
		Executor executor = this.executors.authorized(submission.target(), caller.requester());
		return idempotently(key, submission.fingerprint(), () -> process(submission, caller, key, executor, null));
	}

	/**
	 * Runs the command of an approved request, once.
	 * @param approvalId the approval
	 * @param caller its requester
	 * @param key the request's idempotency key, if it has one
	 * @return how it was answered
	 */
	Answer executeApproved(UUID approvalId, Caller caller, @Nullable IdempotencyKey key) {
		ApprovalView approval = this.approvals.find(approvalId, new Viewer(caller.userId(), false));
		Submission submission = new Submission(approval.command(),
				dev.warden.command.execution.Target.parse(approval.target()), this.properties.timeout(),
				"approval:" + approvalId);
		Executor executor = this.executors.authorized(submission.target(), caller.requester());
		return idempotently(key, submission.fingerprint(),
				() -> process(submission, caller, key, executor, approvalId));
	}

	private Answer idempotently(@Nullable IdempotencyKey key, String fingerprint, Supplier<Answer> work) {
		if (key == null) {
			return work.get();
		}
		Claim claim = this.idempotency.claim(key, fingerprint);
		if (claim instanceof Claim.Replay replay) {
			return replay(replay.commandId(), replay.status());
		}
		if (claim instanceof Claim.Resume resume) {
			try {
				Answer answer = resume(resume.commandId());
				this.idempotency.complete(key, answer.command().id(), answer.status());
				return answer;
			}
			catch (RuntimeException | Error ex) {
				// The key stays bound to its command: the next retry tries again to
				// finish it.
				this.idempotency.abandon(key);
				throw ex;
			}
		}
		try {
			Answer answer = work.get();
			this.idempotency.complete(key, answer.command().id(), answer.status());
			return answer;
		}
		catch (ProblemException ex) {
			// Refused without a result a retry must respect (no decision, no credits,
			// stale approval): a retry is processed afresh.
			this.idempotency.forget(key);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			// Failed unexpectedly: a retry may take over now and finish the command, if
			// any.
			this.idempotency.abandon(key);
			throw ex;
		}
	}

	private Answer process(Submission submission, Caller caller, @Nullable IdempotencyKey key, Executor executor,
			@Nullable UUID approvalId) {
		PolicyDecision decision;
		try {
			decision = this.policy.decide(submission.command(), caller.roles(), caller.userId());
		}
		catch (PolicyUnavailableException ex) {
			UUID id = notRun(submission, caller, null, ex.getMessage());
			throw CommandProblems.policyUnavailable(id, Objects.requireNonNullElse(ex.getMessage(), "unknown"));
		}
		String matches = this.json.writeValueAsString(decision.matches());
		return switch (decision.verdict()) {
			case BLOCK -> reject(submission, caller, key, decision, matches);
			case REQUIRE_APPROVAL -> {
				if (approvalId != null) {
					yield run(submission, caller, key, executor, decision, matches, approvalId);
				}
				yield holdForApproval(submission, caller, key, executor, decision, matches);
			}
			case ALLOW -> run(submission, caller, key, executor, decision, matches, approvalId);
		};
	}

	private Answer reject(Submission submission, Caller caller, @Nullable IdempotencyKey key, PolicyDecision decision,
			String matches) {
		CommandView view = inTransaction(() -> {
			Command command = Command.rejected(EventIds.next(), caller, submission.command(),
					submission.target().toString(), decision, matches, this.clock.instant());
			this.repository.save(command);
			bind(key, command.id());
			this.audit.record(submitted(command, decision, Outcome.DENIED), caller.actor());
			return command.view();
		});
		this.metrics.submitted(decision.verdict().name(), CommandStatus.REJECTED);
		return new Answer.Rejected(view, false);
	}

	private Answer holdForApproval(Submission submission, Caller caller, @Nullable IdempotencyKey key,
			Executor executor, PolicyDecision decision, String matches) {
		String target = submission.target().toString();
		record Held(@Nullable UUID usable, Answer.@Nullable AwaitingApproval waiting) {
		}
		Held held = inTransaction(() -> {
			Optional<UUID> usable = this.approvals.findUsable(caller.userId(), submission.command(), target);
			if (usable.isPresent()) {
				return new Held(usable.get(), null);
			}
			ApprovalView approval = this.approvals.request(new ApprovalRequest(submission.command(), target,
					decision.explanation(), matches, decision.policyVersion()), caller.actor());
			Command command = Command.awaitingApproval(EventIds.next(), caller, submission.command(), target, decision,
					matches, approval.id(), this.clock.instant());
			this.repository.save(command);
			bind(key, command.id());
			this.audit.record(submitted(command, decision, Outcome.PENDING).detail("approvalId", approval.id()),
					caller.actor());
			return new Held(null, new Answer.AwaitingApproval(command.view(), approval, false));
		});
		if (held.usable() != null) {
			return run(submission, caller, key, executor, decision, matches, held.usable());
		}
		this.metrics.submitted(decision.verdict().name(), CommandStatus.PENDING_APPROVAL);
		return Objects.requireNonNull(held.waiting());
	}

	private Answer run(Submission submission, Caller caller, @Nullable IdempotencyKey key, Executor executor,
			PolicyDecision decision, String matches, @Nullable UUID approvalId) {
		openAccount(caller);
		UUID id = EventIds.next();
		Duration lease = submission.timeout().plus(this.properties.leaseGrace());
		try {
			inTransaction(() -> {
				Command command = Command.running(id, caller, submission.command(), submission.target().toString(),
						decision, matches, approvalId, this.clock.instant(), lease);
				if (approvalId != null) {
					this.approvals.consume(approvalId, caller.userId(), submission.command(),
							submission.target().toString(), id, caller.actor());
				}
				if (decision.cost() > 0) {
					this.credits.reserve(id, caller.userId(), decision.cost(), caller.actor());
				}
				this.repository.save(command);
				bind(key, id);
				this.audit.record(submitted(command, decision, Outcome.SUCCESS).detail("approvalId", approvalId),
						caller.actor());
				return command;
			});
		}
		catch (InsufficientCreditsException ex) {
			UUID notRun = notRun(submission, caller, decision,
					Objects.requireNonNullElse(ex.getMessage(), "No credits"));
			throw ex.with("commandId", notRun);
		}
		ExecutionRequest request = new ExecutionRequest(id, submission.command(), submission.target(),
				caller.requester(), submission.timeout());
		long started = System.nanoTime();
		ExecutionResult result = null;
		String failure = null;
		try {
			result = executor.execute(request);
		}
		catch (ExecutionFailedException ex) {
			failure = ex.getMessage();
			logger.info("Command {} failed on {}: {}", id, submission.target(), ex.getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = "The service stopped while the command ran.";
		}
		catch (RuntimeException ex) {
			failure = "The executor failed unexpectedly.";
			logger.error("Executor {} failed on command {}", executor.kind(), id, ex);
		}
		ExecutionResult finished = result;
		String why = failure;
		// The outcome exists only in memory until this commits, and it decides what is
		// charged: ride out a briefly exhausted pool or a database blip rather than lose
		// it.
		CommandStatus status = durably(() -> inTransaction(() -> {
			Command command = this.repository.findById(id).orElseThrow();
			if (finished != null) {
				command.finish(finished, this.clock.instant());
			}
			else {
				command.fail(Objects.requireNonNullElse(why, "The command failed."), this.clock.instant());
			}
			CommandView view = command.view();
			this.audit.record(AuditEntry
				.of(finished != null ? "command.executed" : "command.failed",
						(view.status() == CommandStatus.SUCCEEDED) ? Outcome.SUCCESS : Outcome.FAILURE, "command", id)
				.detail("target", view.target())
				.detail("exitCode", view.exitCode())
				.detail("durationMs", view.durationMs())
				.detail("timedOut", view.timedOut())
				.detail("reason", (finished == null) ? why : null), caller.actor());
			return view.status();
		}));
		this.metrics.ran(submission.target().kind(), status, Duration.ofNanos(System.nanoTime() - started));
		this.metrics.submitted(decision.verdict().name(), status);
		this.observer.outcomeSaved(id);
		return new Answer.Ran(this.settlements.settle(id, caller.actor()), false);
	}

	private Answer replay(UUID commandId, int status) {
		CommandView view = this.repository.findById(commandId).orElseThrow().view();
		return switch (status) {
			case 202 -> new Answer.AwaitingApproval(view,
					this.approvals.find(Objects.requireNonNull(view.approvalId()), new Viewer(view.userId(), false)),
					true);
			case 403 -> new Answer.Rejected(view, true);
			default -> new Answer.Ran(view, true);
		};
	}

	/**
	 * Finishes what an earlier request under the same key started and could not answer.
	 */
	private Answer resume(UUID commandId) {
		CommandView view = this.settlements.settle(commandId, dev.warden.contracts.Actor.system("command-service"));
		return switch (view.status()) {
			case REJECTED -> new Answer.Rejected(view, false);
			case PENDING_APPROVAL -> new Answer.AwaitingApproval(view,
					this.approvals.find(Objects.requireNonNull(view.approvalId()), new Viewer(view.userId(), false)),
					false);
			case SUCCEEDED, FAILED -> new Answer.Ran(view, false);
			case RUNNING,
					NOT_RUN ->
				throw new ProblemException(Idempotency.KEY_IN_USE,
						"The first request with this Idempotency-Key is still running its command; retry later.")
					.retryAfter(Duration.ofSeconds(1));
		};
	}

	private UUID notRun(Submission submission, Caller caller, @Nullable PolicyDecision decision, String reason) {
		UUID id = EventIds.next();
		inTransaction(() -> {
			String matches = (decision != null) ? this.json.writeValueAsString(decision.matches()) : "[]";
			Command command = Command.notRun(id, caller, submission.command(), submission.target().toString(), decision,
					matches, reason, this.clock.instant());
			this.repository.save(command);
			this.audit.record(AuditEntry.of("command.not-run", Outcome.FAILURE, "command", id)
				.detail("command", submission.command())
				.detail("target", submission.target().toString())
				.detail("reason", reason), caller.actor());
			return command;
		});
		this.metrics.submitted((decision != null) ? decision.verdict().name() : null, CommandStatus.NOT_RUN);
		return id;
	}

	private void openAccount(Caller caller) {
		// Opening is idempotent in the database; remembering it here saves two statements
		// per command.
		if (!this.openedAccounts.contains(caller.userId())) {
			this.credits.open(caller.userId(), caller.tier(), caller.actor());
			this.openedAccounts.add(caller.userId());
		}
	}

	private void bind(@Nullable IdempotencyKey key, UUID commandId) {
		if (key != null) {
			this.idempotency.bind(key, commandId);
		}
	}

	private static AuditEntry submitted(Command command, PolicyDecision decision, Outcome outcome) {
		PolicyDecision.MatchedRule rule = decision.decidingRule();
		return AuditEntry.of("command.submitted", outcome, "command", command.id())
			.detail("command", command.commandText())
			.detail("target", command.target())
			.detail("decision", decision.verdict().name())
			.detail("rule", (rule != null) ? rule.ruleName() : null)
			.detail("policyVersion", decision.policyVersion())
			.detail("cost", decision.cost());
	}

	private static <T> T durably(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (TransientDataAccessException | DataAccessResourceFailureException
					| CannotCreateTransactionException ex) {
				if (attempt == DURABLE_ATTEMPTS) {
					throw ex;
				}
				logger.warn("Saving a run's outcome failed (attempt {}); retrying", attempt, ex);
				try {
					Thread.sleep(200L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private <T> T inTransaction(Supplier<T> work) {
		return Objects.requireNonNull(this.transaction.execute((status) -> work.get()));
	}

}
