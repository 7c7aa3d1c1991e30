package dev.warden.command.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.Topics;
import dev.warden.contracts.approval.ApprovalConsumed;
import dev.warden.contracts.approval.ApprovalEvent;
import dev.warden.contracts.approval.ApprovalExpired;
import dev.warden.contracts.approval.ApprovalGranted;
import dev.warden.contracts.approval.ApprovalRejected;
import dev.warden.contracts.approval.ApprovalRequested;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.Digests;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.outbox.Outbox;
import dev.warden.platform.problem.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approval requests and decisions. Every change is saved with its {@code approval.events}
 * event and its audit record in one transaction.
 */
@Service
@EnableConfigurationProperties(ApprovalProperties.class)
public class Approvals {

	private final ApprovalRepository repository;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Audit audit;

	private final ApprovalProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final AtomicLong pending = new AtomicLong();

	Approvals(ApprovalRepository repository, JdbcClient jdbc, Outbox outbox, Audit audit, ApprovalProperties properties,
			Clock clock, TransactionTemplate transaction, MeterRegistry meters) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transaction = transaction;
		Gauge.builder("warden.approvals.pending", this.pending, AtomicLong::get)
			.description("Approval requests waiting for an administrator")
			.register(meters);
	}

	/**
	 * Finds an approved, unused and unexpired approval for exactly this command.
	 * @param requesterId the requester
	 * @param command the command text
	 * @param target the target
	 * @return its id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> findUsable(String requesterId, String command, String target) {
		Instant now = this.clock.instant();
		return this.repository.findOpen(requesterId, target, hash(command))
			.filter((approval) -> approval.status() == ApprovalStatus.APPROVED && now.isBefore(approval.expiresAt()))
			.map(Approval::id);
	}

	/**
	 * Returns the pending request for exactly this command, creating it if there is none.
	 * @param request what the policy said
	 * @param actor the requester
	 * @return the request
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ApprovalView request(ApprovalRequest request, Actor actor) {
		String hash = hash(request.command());
		Instant now = this.clock.instant();
		Optional<Approval> open = this.repository.findOpen(actor.id(), request.target(), hash);
		if (open.isPresent()) {
			Approval lapsed = open.get();
			ApprovalStatus before = lapsed.status();
			if (!lapsed.expireIfDue(now)) {
				return lapsed.view();
			}
			// Flushed now so that the unique index sees it closed before the new request
			// is inserted.
			this.repository.saveAndFlush(lapsed);
			expired(lapsed, before);
		}
		UUID id = EventIds.next();
		Instant expiresAt = now.plus(this.properties.ttl());
		// A concurrent submission of the same command may have opened one first: keep
		// that one.
		int inserted = this.jdbc
			.sql("insert into approvals (id, requester_id, requester_name, command_text, command_hash, target, status, "
					+ "explanation, matches, policy_version, requested_at, expires_at) "
					+ "values (?, ?, ?, ?, ?, ?, 'PENDING', ?, cast(? as jsonb), ?, ?, ?) on conflict do nothing")
			.params(id, actor.id(), actor.name(), request.command(), hash, request.target(), request.explanation(),
					request.matchesJson(), request.policyVersion(), java.sql.Timestamp.from(now),
					java.sql.Timestamp.from(expiresAt))
			.update();
		if (inserted == 0) {
			return this.repository.findOpen(actor.id(), request.target(), hash)
				.map(Approval::view)
				.orElseThrow(() -> new IllegalStateException("An open approval vanished"));
		}
		publish(new ApprovalRequested(id.toString(), actor.id(), actor.name(), request.command(), request.target(),
				request.explanation(), expiresAt), actor);
		this.audit.record(AuditEntry.of("approval.requested", Outcome.PENDING, "approval", id)
			.detail("command", request.command())
			.detail("target", request.target())
			.detail("explanation", request.explanation()), actor);
		this.pending.incrementAndGet();
		return this.repository.findById(id).orElseThrow().view();
	}

	/**
	 * Uses an approval to run a command.
	 * @param approvalId the approval
	 * @param requesterId who runs it; only the requester may
	 * @param command the exact command text about to run
	 * @param target where
	 * @param commandId the command
	 * @param actor who runs it
	 * @throws ProblemException if the approval is not the requester's, not for this
	 * command, or not usable
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void consume(UUID approvalId, String requesterId, String command, String target, UUID commandId,
			Actor actor) {
		Approval approval = this.repository.findById(approvalId)
			.filter((candidate) -> candidate.requesterId().equals(requesterId))
			.orElseThrow(() -> ProblemException.notFound("Approval " + approvalId));
		if (!approval.commandText().equals(command) || !approval.target().equals(target)) {
			throw new ProblemException(ApprovalProblems.NOT_USABLE,
					"Approval " + approvalId + " covers another command or target.");
		}
		approval.consume(commandId, this.clock.instant());
		this.repository.saveAndFlush(approval);
		publish(new ApprovalConsumed(approvalId.toString(), requesterId, commandId.toString()), actor);
		this.audit.record(AuditEntry.of("approval.consumed", Outcome.SUCCESS, "approval", approvalId)
			.detail("commandId", commandId.toString()), actor);
	}

	/**
	 * Returns an approval the caller may see: their own, or any for an administrator.
	 * @param id the approval
	 * @param viewer who asks
	 * @return the approval
	 */
	@Transactional(readOnly = true)
	public ApprovalView find(UUID id, Viewer viewer) {
		return this.repository.findById(id)
			.filter((approval) -> viewer.admin() || approval.requesterId().equals(viewer.userId()))
			.map(Approval::view)
			.orElseThrow(() -> ProblemException.notFound("Approval " + id));
	}

	/**
	 * Lists approvals, newest first: all of them for an administrator, the caller's own
	 * for anyone else.
	 * @param viewer who asks
	 * @param status only this status, or {@code null}
	 * @param requesterId only this requester's (administrators), or {@code null}
	 * @param before only older than this approval, or {@code null}
	 * @param limit how many
	 * @return the approvals
	 */
	@Transactional(readOnly = true)
	public List<ApprovalView> list(Viewer viewer, @Nullable ApprovalStatus status, @Nullable String requesterId,
			@Nullable UUID before, int limit) {
		String requester = viewer.admin() ? requesterId : viewer.userId();
		List<UUID> ids = this.jdbc
			.sql("select id from approvals where (cast(:requester as text) is null or requester_id = :requester) "
					+ "and (cast(:status as text) is null or status = :status) "
					+ "and (cast(:before as uuid) is null or id < :before) order by id desc limit :limit")
			.param("requester", requester)
			.param("status", (status != null) ? status.name() : null)
			.param("before", before)
			.param("limit", limit)
			.query(UUID.class)
			.list();
		return this.repository.findAllById(ids)
			.stream()
			.map(Approval::view)
			.sorted(java.util.Comparator.comparing(ApprovalView::id).reversed())
			.toList();
	}

	/**
	 * Approves a pending request.
	 * @param id the approval
	 * @param note what the administrator says
	 * @param admin the administrator
	 * @return the approval
	 */
	public ApprovalView approve(UUID id, @Nullable String note, Actor admin) {
		return decide(id, admin, (approval, now) -> {
			approval.approve(admin.id(), admin.name(), note, now, this.properties.ttl());
			publish(new ApprovalGranted(id.toString(), approval.requesterId(), admin.id(), note, approval.expiresAt()),
					admin);
			this.audit.record(AuditEntry.of("approval.granted", Outcome.SUCCESS, "approval", id)
				.detail("requesterId", approval.requesterId())
				.detail("note", note), admin);
		});
	}

	/**
	 * Rejects a pending request.
	 * @param id the approval
	 * @param note what the administrator says
	 * @param admin the administrator
	 * @return the approval
	 */
	public ApprovalView reject(UUID id, @Nullable String note, Actor admin) {
		return decide(id, admin, (approval, now) -> {
			approval.reject(admin.id(), admin.name(), note, now);
			publish(new ApprovalRejected(id.toString(), approval.requesterId(), admin.id(), note), admin);
			this.audit.record(AuditEntry.of("approval.rejected", Outcome.SUCCESS, "approval", id)
				.detail("requesterId", approval.requesterId())
				.detail("note", note), admin);
		});
	}

	private ApprovalView decide(UUID id, Actor admin, Decision decision) {
		try {
			ApprovalView view = this.transaction.execute((status) -> {
				Approval approval = this.repository.findById(id)
					.orElseThrow(() -> ProblemException.notFound("Approval " + id));
				decision.apply(approval, this.clock.instant());
				return this.repository.saveAndFlush(approval).view();
			});
			this.pending.updateAndGet((count) -> Math.max(0, count - 1));
			return java.util.Objects.requireNonNull(view);
		}
		catch (ObjectOptimisticLockingFailureException ex) {
			// Another decision committed first; it stands.
			ApprovalStatus now = this.repository.findById(id).map(Approval::status).orElse(ApprovalStatus.PENDING);
			throw new ProblemException(ApprovalProblems.ALREADY_DECIDED,
					"Approval " + id + " was decided by someone else at the same moment.")
				.with("status", now.name());
		}
	}

	/**
	 * Marks lapsed approvals expired, a batch at a time.
	 * @return how many expired
	 */
	public int expireLapsed() {
		List<UUID> lapsed = this.repository.findLapsed(this.clock.instant(), Limit.of(200));
		int expired = 0;
		for (UUID id : lapsed) {
			try {
				Boolean done = this.transaction.execute((status) -> this.repository.findById(id).map((approval) -> {
					ApprovalStatus before = approval.status();
					if (!approval.expireIfDue(this.clock.instant())) {
						return false;
					}
					this.repository.saveAndFlush(approval);
					expired(approval, before);
					return true;
				}).orElse(false));
				expired += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				// Decided or used while expiring: that change stands.
			}
		}
		refreshPendingGauge();
		return expired;
	}

	/** Recounts pending requests for the gauge, which other replicas also change. */
	public void refreshPendingGauge() {
		this.pending.set(this.repository.countByStatus(ApprovalStatus.PENDING));
	}

	private void expired(Approval approval, ApprovalStatus before) {
		Actor system = Actor.system("command-service");
		publish(new ApprovalExpired(approval.id().toString(), approval.requesterId(), before.name()), system);
		this.audit.record(AuditEntry.of("approval.expired", Outcome.FAILURE, "approval", approval.id())
			.detail("requesterId", approval.requesterId()), system);
	}

	private void publish(ApprovalEvent event, Actor actor) {
		this.outbox.publish(Topics.APPROVAL_EVENTS, event.type(), ApprovalEvent.VERSION, event.approvalId(), event,
				actor);
	}

	static String hash(String command) {
		return Digests.sha256Hex(command);
	}

	@FunctionalInterface
	private interface Decision {

		void apply(Approval approval, Instant now);

	}

}
