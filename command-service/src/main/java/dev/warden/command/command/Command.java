package dev.warden.command.command;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.warden.command.caller.Caller;
import dev.warden.command.execution.ExecutionResult;
import dev.warden.command.policy.PolicyDecision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Persistable;

/**
 * A submitted command: what was asked, what the policy said, how it ran and what it cost.
 * It owns its transitions.
 */
@Entity
@Table(name = "commands")
class Command implements Persistable<UUID> {

	@Id
	private UUID id;

	private String userId;

	private String username;

	private String commandText;

	private String target;

	@Enumerated(EnumType.STRING)
	private CommandStatus status;

	private @Nullable String decision;

	private @Nullable String reason;

	@Column(columnDefinition = "jsonb")
	@JdbcTypeCode(SqlTypes.JSON)
	private String matches = "[]";

	private @Nullable Long policyVersion;

	private @Nullable UUID approvalId;

	private int cost;

	@Enumerated(EnumType.STRING)
	private Settlement settlement = Settlement.NONE;

	private @Nullable Integer exitCode;

	private @Nullable String stdout;

	private @Nullable String stderr;

	private boolean outputTruncated;

	private boolean timedOut;

	private @Nullable Long durationMs;

	private Instant createdAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	private @Nullable Instant leaseUntil;

	/**
	 * Null until first saved, so that saving a new command inserts without a select
	 * first.
	 */
	@Version
	private @Nullable Long version;

	@SuppressWarnings("NullAway.Init")
	protected Command() {
	}

	private Command(UUID id, Caller caller, String commandText, String target, CommandStatus status, Instant now) {
		this.id = id;
		this.userId = caller.userId();
		this.username = caller.username();
		this.commandText = commandText;
		this.target = target;
		this.status = status;
		this.createdAt = now;
	}

	static Command rejected(UUID id, Caller caller, String text, String target, PolicyDecision decision,
			String matchesJson, Instant now) {
		Command command = new Command(id, caller, text, target, CommandStatus.REJECTED, now);
		command.judged(decision, matchesJson);
		command.finishedAt = now;
		return command;
	}

	static Command awaitingApproval(UUID id, Caller caller, String text, String target, PolicyDecision decision,
			String matchesJson, UUID approvalId, Instant now) {
		Command command = new Command(id, caller, text, target, CommandStatus.PENDING_APPROVAL, now);
		command.judged(decision, matchesJson);
		command.approvalId = approvalId;
		return command;
	}

	static Command notRun(UUID id, Caller caller, String text, String target, @Nullable PolicyDecision decision,
			String matchesJson, String reason, Instant now) {
		Command command = new Command(id, caller, text, target, CommandStatus.NOT_RUN, now);
		if (decision != null) {
			command.judged(decision, matchesJson);
		}
		command.reason = reason;
		command.finishedAt = now;
		return command;
	}

	static Command running(UUID id, Caller caller, String text, String target, PolicyDecision decision,
			String matchesJson, @Nullable UUID approvalId, Instant now, Duration lease) {
		Command command = new Command(id, caller, text, target, CommandStatus.RUNNING, now);
		command.judged(decision, matchesJson);
		command.approvalId = approvalId;
		command.cost = decision.cost();
		command.settlement = (decision.cost() > 0) ? Settlement.RESERVED : Settlement.NONE;
		command.startedAt = now;
		command.leaseUntil = now.plus(lease);
		return command;
	}

	private void judged(PolicyDecision decision, String matchesJson) {
		this.decision = decision.verdict().name();
		this.reason = decision.explanation();
		this.matches = matchesJson;
		this.policyVersion = decision.policyVersion();
	}

	void finish(ExecutionResult result, Instant now) {
		requireRunning();
		this.status = result.succeeded() ? CommandStatus.SUCCEEDED : CommandStatus.FAILED;
		this.exitCode = result.exitCode();
		this.stdout = result.stdout();
		this.stderr = result.stderr();
		this.outputTruncated = result.outputTruncated();
		this.timedOut = result.timedOut();
		this.durationMs = result.duration().toMillis();
		this.finishedAt = now;
		if (result.timedOut()) {
			this.reason = "The command ran out of time and was killed.";
		}
	}

	void fail(String why, Instant now) {
		requireRunning();
		this.status = CommandStatus.FAILED;
		this.reason = why;
		this.finishedAt = now;
		if (this.startedAt != null) {
			this.durationMs = Duration.between(this.startedAt, now).toMillis();
		}
	}

	/**
	 * Decides what to do with the held credits, if anything can be decided now.
	 * @param now the time
	 * @return {@link Settlement#CHARGED} or {@link Settlement#RELEASED} to apply, or
	 * {@code null} if there is nothing to settle yet
	 */
	@Nullable Settlement settle(Instant now) {
		if (this.settlement != Settlement.RESERVED) {
			return null;
		}
		if (this.status == CommandStatus.RUNNING) {
			if (this.leaseUntil != null && now.isBefore(this.leaseUntil)) {
				return null;
			}
			fail("The run was lost: no result arrived before its lease ran out.", now);
		}
		this.settlement = (this.status == CommandStatus.SUCCEEDED) ? Settlement.CHARGED : Settlement.RELEASED;
		this.leaseUntil = null;
		return this.settlement;
	}

	private void requireRunning() {
		if (this.status != CommandStatus.RUNNING) {
			throw new IllegalStateException("Command " + this.id + " is " + this.status + ", not running");
		}
	}

	UUID id() {
		return this.id;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	/**
	 * Tells Spring Data whether {@code save} inserts. Without this it reads the
	 * {@code version} field through a getter that does not exist, which throws and
	 * catches an exception on every save before it falls back to the field.
	 */
	@Override
	public boolean isNew() {
		return this.version == null;
	}

	String userId() {
		return this.userId;
	}

	CommandStatus status() {
		return this.status;
	}

	int cost() {
		return this.cost;
	}

	String commandText() {
		return this.commandText;
	}

	String target() {
		return this.target;
	}

	@Nullable UUID approvalId() {
		return this.approvalId;
	}

	@Nullable String reason() {
		return this.reason;
	}

	CommandView view() {
		return new CommandView(this.id, this.userId, this.username, this.commandText, this.target, this.status,
				this.decision, this.reason, this.matches, this.policyVersion, this.approvalId, this.cost,
				this.settlement, this.exitCode, this.stdout, this.stderr, this.outputTruncated, this.timedOut,
				this.durationMs, this.createdAt, this.startedAt, this.finishedAt);
	}

}
