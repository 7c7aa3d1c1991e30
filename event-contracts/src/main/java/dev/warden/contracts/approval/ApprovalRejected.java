package dev.warden.contracts.approval;

import org.jspecify.annotations.Nullable;

/**
 * An administrator rejected a request.
 *
 * @param approvalId the approval
 * @param requesterId who asked
 * @param decidedBy the administrator's id
 * @param note what the administrator said
 */
public record ApprovalRejected(String approvalId, String requesterId, String decidedBy,
		@Nullable String note) implements ApprovalEvent {

	/** The envelope type. */
	public static final String TYPE = "approval.rejected";

	@Override
	public String type() {
		return TYPE;
	}

}
