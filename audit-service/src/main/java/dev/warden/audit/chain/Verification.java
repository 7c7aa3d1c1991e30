package dev.warden.audit.chain;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a range of the chain.
 *
 * @param valid whether every record checked is intact and linked to the one before it
 * @param checked how many records were checked, up to and including the first broken one
 * @param firstBrokenSequence the sequence of the first broken record, if any
 * @param eventId the event id of that record
 * @param reason why it is broken
 * @param checkpoints how many checkpoints (heads of the chain published to Kafka) in the
 * range were compared with the records
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean valid, long checked, @Nullable Long firstBrokenSequence, @Nullable UUID eventId,
		@Nullable Reason reason, long checkpoints) {

	static Verification intact(long checked, long checkpoints) {
		return new Verification(true, checked, null, null, null, checkpoints);
	}

	static Verification broken(long checked, long sequence, @Nullable UUID eventId, Reason reason, long checkpoints) {
		return new Verification(false, checked, sequence, eventId, reason, checkpoints);
	}

	/** Why a record breaks the chain. */
	public enum Reason {

		/** The record's fields no longer hash to its stored hash: it was changed. */
		HASH_MISMATCH,

		/** The record's previous hash is not the hash of the record before it. */
		BROKEN_LINK,

		/** The sequence skips a number: a record was removed. */
		MISSING_RECORD,

		/**
		 * The record's hash is not the one a checkpoint published for its sequence: this
		 * record or one before it was rewritten, with the links recomputed.
		 */
		CHECKPOINT_MISMATCH,

		/**
		 * A checkpoint names a sequence the chain no longer reaches: records at its end
		 * were removed.
		 */
		TRUNCATED

	}

}
