package dev.warden.contracts.audit;

/** How an audited action ended. */
public enum Outcome {

	/** The action was carried out. */
	SUCCESS,

	/** The action was attempted and failed. */
	FAILURE,

	/** Policy or authorization refused the action. */
	DENIED,

	/** The action waits for a decision, such as an admin's approval. */
	PENDING

}
