package dev.warden.audit.chain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recomputes the chain over a range of sequences and names the first record that breaks
 * it. Rows are read in keyset batches, so memory stays constant however long the range.
 */
@Service
public class ChainVerifier {

	private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final ChainCheckpoints checkpoints;

	private final CheckpointProperties properties;

	private final CheckpointSigner signer;

	ChainVerifier(JdbcClient jdbc, ChainCheckpoints checkpoints, CheckpointProperties properties,
			CheckpointSigner signer) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.signer = signer;
	}

	/**
	 * Returns the public keys this verifier checks checkpoint signatures with, so that
	 * someone outside Warden can check the checkpoints on the topic the same way.
	 * @return the keys by key id, and which one signs
	 */
	public CheckpointKeys checkpointKeys() {
		return this.signer.keys();
	}

	/**
	 * Verifies the records with sequences from {@code from} to {@code to}, inclusive.
	 * @param from the first sequence
	 * @param to the last sequence
	 * @return the verification
	 */
	public Verification verify(long from, long to) {
		// Whether this answer rests on signatures: not when no checkpoint was read at
		// all.
		boolean signed = this.properties.enabled() && this.signer.signs();
		// Read before the records: a checkpoint published while the walk runs names a
		// record the walk may not reach, which is not a truncation.
		Map<Long, Set<String>> anchors = new HashMap<>();
		TreeSet<Long> forged = new TreeSet<>();
		if (this.properties.enabled()) {
			for (Checkpoint checkpoint : this.checkpoints.read()) {
				long sequence = checkpoint.sequence();
				if (sequence < from || sequence > to) {
					continue;
				}
				boolean ours = this.properties.chain().equals(checkpoint.chain());
				if (signed && !(ours && this.signer.confirms(checkpoint))) {
					// Never used, and never ignored either: someone who is not
					// audit-service wrote to the topic.
					log.warn("Checkpoint for sequence {} on {} is not signed by a configured key (kid {})", sequence,
							ChainCheckpoints.TOPIC, checkpoint.kid());
					forged.add(sequence);
				}
				else if (ours) {
					// All of them, not the last: two checkpoints that disagree on a
					// sequence cannot both match its record.
					anchors.computeIfAbsent(sequence, (key) -> new HashSet<>()).add(checkpoint.hash());
				}
			}
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
							compared, signed);
				}
				if (expectedPrevious != null && !expectedPrevious.equals(record.previousHash())) {
					return Verification.broken(checked, record.sequence(), record.eventId(),
							Verification.Reason.BROKEN_LINK, compared, signed);
				}
				if (!ChainHasher.hash(record).equals(record.hash())) {
					return Verification.broken(checked, record.sequence(), record.eventId(),
							Verification.Reason.HASH_MISMATCH, compared, signed);
				}
				if (forged.remove(record.sequence())) {
					return Verification.broken(checked, record.sequence(), record.eventId(),
							Verification.Reason.CHECKPOINT_FORGED, compared, signed);
				}
				Set<String> anchored = anchors.remove(record.sequence());
				if (anchored != null) {
					compared++;
					if (anchored.size() != 1 || !anchored.contains(record.hash())) {
						return Verification.broken(checked, record.sequence(), record.eventId(),
								Verification.Reason.CHECKPOINT_MISMATCH, compared, signed);
					}
				}
				expectedPrevious = record.hash();
				expectedSequence++;
			}
			after = batch.getLast().sequence();
		}
		long last = expectedSequence - 1;
		if (!anchors.isEmpty()) {
			// Checkpoints beyond the last record: the chain once reached further.
			return Verification.broken(checked, last + 1, null, Verification.Reason.TRUNCATED, compared, signed);
		}
		if (!forged.isEmpty()) {
			return Verification.broken(checked, forged.first(), null, Verification.Reason.CHECKPOINT_FORGED, compared,
					signed);
		}
		return Verification.intact(checked, compared, signed);
	}

}
