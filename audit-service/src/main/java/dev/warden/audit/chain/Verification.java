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
 * @param signed whether checkpoints were checked for a signature by a configured key
 * ({@code warden.audit.checkpoints.signing-key} and {@code verification-keys});
 * {@code false} means every checkpoint on the topic was taken as it was, so anyone who
 * could write to the topic could have forged one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean valid, long checked, @Nullable Long firstBrokenSequence, @Nullable UUID eventId,
		@Nullable Reason reason, long checkpoints, boolean signed) {

	static Verification intact(long checked, long checkpoints, boolean signed) {
		return new Verification(true, checked, null, null, null, checkpoints, signed);
	}

	static Verification broken(long checked, long sequence, @Nullable UUID eventId, Reason reason, long checkpoints,
			boolean signed) {
		return new Verification(false, checked, sequence, eventId, reason, checkpoints, signed);
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
		 * A signing key is configured, and a checkpoint for this sequence is unsigned, is
		 * signed with a key that is not configured, or its signature does not match its
		 * fields: someone other than audit-service wrote to the checkpoint topic. The
		 * checkpoint is not used.
		 */
		CHECKPOINT_FORGED,

		/**
		 * A checkpoint names a sequence the chain no longer reaches: records at its end
		 * were removed.
		 */
		TRUNCATED

	}

}
