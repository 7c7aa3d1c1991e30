package dev.warden.contracts.approval;

/**
 * A request was not decided, or an approval not used, in time.
 *
 * @param approvalId the approval
 * @param requesterId who asked
 * @param previousStatus {@code PENDING} or {@code APPROVED}
 */
public record ApprovalExpired(String approvalId, String requesterId, String previousStatus) implements ApprovalEvent {

	/** The envelope type. */
	public static final String TYPE = "approval.expired";

	@Override
	public String type() {
		return TYPE;
	}

}
