package dev.warden.command.approval;

import dev.warden.platform.problem.ProblemType;

import org.springframework.http.HttpStatus;

/** The problems approvals answer with; listed in {@code docs/problems.md}. */
final class ApprovalProblems {

	/** An administrator tried to decide their own request. */
	static final ProblemType SELF_APPROVAL = new ProblemType("self-approval", HttpStatus.FORBIDDEN,
			"Nobody decides their own request");

	/**
	 * The approval was decided already, or has expired; {@code status} says how it
	 * stands.
	 */
	static final ProblemType ALREADY_DECIDED = new ProblemType("approval-already-decided", HttpStatus.CONFLICT,
			"The approval is already decided");

	/**
	 * The approval is not approved, or is used or expired, so it cannot run a command.
	 */
	static final ProblemType NOT_USABLE = new ProblemType("approval-not-usable", HttpStatus.CONFLICT,
			"The approval cannot be used");

	private ApprovalProblems() {
	}

}
