package dev.warden.contracts.approval;

/**
 * An approval was used to run its command; it cannot be used again.
 *
 * @param approvalId the approval
 * @param requesterId who asked
 * @param commandId the command that ran
 */
public record ApprovalConsumed(String approvalId, String requesterId, String commandId) implements ApprovalEvent {

	/** The envelope type. */
	public static final String TYPE = "approval.consumed";

	@Override
	public String type() {
		return TYPE;
	}

}
