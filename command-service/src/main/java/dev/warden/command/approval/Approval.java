package dev.warden.command.approval;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

import dev.warden.platform.problem.ProblemException;

/**
 * An approval request, bound to its requester, the exact command text and the target. It
 * owns its transitions; {@link Version} makes concurrent decisions end in one state.
 */
@Entity
@Table(name = "approvals")
class Approval {

	@Id
	private UUID id;

	private String requesterId;

	private String requesterName;

	private String commandText;

	private String commandHash;

	private String target;

	@Enumerated(EnumType.STRING)
	private ApprovalStatus status;

	private @Nullable String explanation;

	@Column(columnDefinition = "jsonb")
	@org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
	private String matches;

	private @Nullable Long policyVersion;

	private Instant requestedAt;

	private Instant expiresAt;

	private @Nullable String decidedById;

	private @Nullable String decidedByName;

	private @Nullable Instant decidedAt;

	private @Nullable String decisionNote;

	private @Nullable Instant consumedAt;

	private @Nullable UUID consumedBy;

	@Version
	private long version;

	@SuppressWarnings("NullAway.Init")
	protected Approval() {
	}

	UUID id() {
		return this.id;
	}

	String requesterId() {
		return this.requesterId;
	}

	ApprovalStatus status() {
		return this.status;
	}

	String commandText() {
		return this.commandText;
	}

	String target() {
		return this.target;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * Marks the approval expired if its time is up and it is still open.
	 * @param now the time
	 * @return whether it expired now
	 */
	boolean expireIfDue(Instant now) {
		if ((this.status == ApprovalStatus.PENDING || this.status == ApprovalStatus.APPROVED)
				&& !now.isBefore(this.expiresAt)) {
			this.status = ApprovalStatus.EXPIRED;
			return true;
		}
		return false;
	}

	void approve(String adminId, String adminName, @Nullable String note, Instant now, java.time.Duration usableFor) {
		requireUndecided(adminId, now);
		this.status = ApprovalStatus.APPROVED;
		decided(adminId, adminName, note, now);
		this.expiresAt = now.plus(usableFor);
	}

	void reject(String adminId, String adminName, @Nullable String note, Instant now) {
		requireUndecided(adminId, now);
		this.status = ApprovalStatus.REJECTED;
		decided(adminId, adminName, note, now);
	}

	void consume(UUID commandId, Instant now) {
		if (this.status != ApprovalStatus.APPROVED || !now.isBefore(this.expiresAt)) {
			throw new ProblemException(ApprovalProblems.NOT_USABLE, "Approval " + this.id + " is "
					+ this.status.name().toLowerCase(java.util.Locale.ROOT) + " and cannot be used to run a command.")
				.with("status", this.status.name());
		}
		this.status = ApprovalStatus.CONSUMED;
		this.consumedAt = now;
		this.consumedBy = commandId;
	}

	private void requireUndecided(String adminId, Instant now) {
		if (adminId.equals(this.requesterId)) {
			throw new ProblemException(ApprovalProblems.SELF_APPROVAL,
					"Nobody decides their own request; another administrator must.");
		}
		expireIfDue(now);
		if (this.status != ApprovalStatus.PENDING) {
			throw new ProblemException(ApprovalProblems.ALREADY_DECIDED, "Approval " + this.id + " is already "
					+ this.status.name().toLowerCase(java.util.Locale.ROOT) + ".")
				.with("status", this.status.name());
		}
	}

	private void decided(String adminId, String adminName, @Nullable String note, Instant now) {
		this.decidedById = adminId;
		this.decidedByName = adminName;
		this.decisionNote = note;
		this.decidedAt = now;
	}

	ApprovalView view() {
		return new ApprovalView(this.id, this.status, this.requesterId, this.requesterName, this.commandText,
				this.target, this.explanation, this.matches, this.policyVersion, this.requestedAt, this.expiresAt,
				this.decidedById, this.decidedByName, this.decidedAt, this.decisionNote, this.consumedAt,
				this.consumedBy);
	}

}
