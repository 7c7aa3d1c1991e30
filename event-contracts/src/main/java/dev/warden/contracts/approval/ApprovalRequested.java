package dev.warden.contracts.approval;

import java.time.Instant;

/**
 * A command waits for an administrator's approval.
 *
 * @param approvalId the approval
 * @param requesterId who asked
 * @param requesterName their name
 * @param command the exact command text
 * @param target where it is to run
 * @param explanation why the policy asks for approval
 * @param expiresAt when the request lapses
 */
public record ApprovalRequested(String approvalId, String requesterId, String requesterName, String command,
		String target, String explanation, Instant expiresAt) implements ApprovalEvent {

	/** The envelope type. */
	public static final String TYPE = "approval.requested";

	@Override
	public String type() {
		return TYPE;
	}

}
