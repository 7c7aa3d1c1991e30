package dev.warden.contracts.approval;

/**
 * Something that happened to an approval. The envelope's subject is the approval's id, so
 * one approval's events stay in order.
 */
public sealed interface ApprovalEvent
		permits ApprovalRequested, ApprovalGranted, ApprovalRejected, ApprovalExpired, ApprovalConsumed {

	/** The current version of every approval event's schema. */
	int VERSION = 1;

	/**
	 * The approval.
	 * @return its id
	 */
	String approvalId();

	/**
	 * The envelope type of this event.
	 * @return the type
	 */
	String type();

}
