package dev.warden.audit.chain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recomputes the chain over a range of sequences and names the first record that breaks
 * it. Rows are read in keyset batches, so memory stays constant however long the range.
 */
@Service
public class ChainVerifier {

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final ChainCheckpoints checkpoints;

	private final CheckpointProperties properties;

	ChainVerifier(JdbcClient jdbc, ChainCheckpoints checkpoints, CheckpointProperties properties) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
		this.properties = properties;
	}

	/**
	 * Verifies the records with sequences from {@code from} to {@code to}, inclusive.
	 * @param from the first sequence
	 * @param to the last sequence
	 * @return the verification
	 */
	public Verification verify(long from, long to) {
		// Read before the records: a checkpoint published while the walk runs names a
		// record the walk may not reach, which is not a truncation.
		Map<Long, String> anchors = new HashMap<>();
		if (this.properties.enabled()) {
			this.checkpoints.read().forEach((sequence, hash) -> {
				if (sequence >= from && sequence <= to) {
					anchors.put(sequence, hash);
				}
			});
		}
		long compared = 0;
		String expectedPrevious = (from <= 1) ? ChainHasher.GENESIS
				: this.jdbc.sql("select hash from audit_records where sequence = :sequence")
					.param("sequence", from - 1)
					.query(String.class)
					.optional()
					.orElse(null);
		long expectedSequence = Math.max(from, 1);
		long checked = 0;
		long after = expectedSequence - 1;
		while (after < to) {
			List<AuditRecord> batch = this.jdbc
				.sql("select " + AuditRecordRows.COLUMNS + " from audit_records "
						+ "where sequence > :after and sequence <= :to order by sequence limit :limit")
				.param("after", after)
				.param("to", to)
				.param("limit", BATCH)
				.query(AuditRecordRows.MAPPER)
				.list();
			if (batch.isEmpty()) {
				break;
			}
			for (AuditRecord record : batch) {
				checked++;
				if (record.sequence() != expectedSequence) {
					return Verification.broken(checked, expectedSequence, null, Verification.Reason.MISSING_RECORD,
							compared);
				}
				if (expectedPrevious != null && !expectedPrevious.equals(record.previousHash())) {
					return Verification.broken(checked, record.sequence(), record.eventId(),
							Verification.Reason.BROKEN_LINK, compared);
				}
				if (!ChainHasher.hash(record).equals(record.hash())) {
					return Verification.broken(checked, record.sequence(), record.eventId(),
							Verification.Reason.HASH_MISMATCH, compared);
				}
				String anchored = anchors.remove(record.sequence());
				if (anchored != null) {
					compared++;
					if (!anchored.equals(record.hash())) {
						return Verification.broken(checked, record.sequence(), record.eventId(),
								Verification.Reason.CHECKPOINT_MISMATCH, compared);
					}
				}
				expectedPrevious = record.hash();
				expectedSequence++;
			}
			after = batch.getLast().sequence();
		}
		if (!anchors.isEmpty()) {
			// Checkpoints beyond the last record: the chain once reached further.
			long last = expectedSequence - 1;
			return Verification.broken(checked, last + 1, null, Verification.Reason.TRUNCATED, compared);
		}
		return Verification.intact(checked, compared);
	}

}
