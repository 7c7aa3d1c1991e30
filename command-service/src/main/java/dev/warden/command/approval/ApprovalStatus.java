package dev.warden.command.approval;

/** Where an approval stands. */
public enum ApprovalStatus {

	/** Waiting for an administrator. */
	PENDING,

	/** Approved; the requester may run the command once until it expires. */
	APPROVED,

	/** Refused by an administrator. */
	REJECTED,

	/** Not decided, or not used, in time. */
	EXPIRED,

	/** Used to run its command. */
	CONSUMED

}
