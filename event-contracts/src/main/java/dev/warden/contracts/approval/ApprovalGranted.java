package dev.warden.contracts.approval;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An administrator approved a request; the requester may now run the command once.
 *
 * @param approvalId the approval
 * @param requesterId who asked
 * @param decidedBy the administrator's id
 * @param note what the administrator said
 * @param usableUntil when the approval lapses unused
 */
public record ApprovalGranted(String approvalId, String requesterId, String decidedBy, @Nullable String note,
		Instant usableUntil) implements ApprovalEvent {

	/** The envelope type. */
	public static final String TYPE = "approval.granted";

	@Override
	public String type() {
		return TYPE;
	}

}
