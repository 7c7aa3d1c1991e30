package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes a dead letter to {@code audit.events} again, once: for a record that failed
 * because this service could not read it then (an event version it did not know yet) and
 * can now. A record that still cannot be read is dead-lettered again, as a new dead
 * letter.
 */
@Component
class DeadLetterReplay {

	/** The header naming the dead letter a replayed record came from. */
	static final String REPLAY_OF_HEADER = "warden-replay-of";

	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final JdbcClient jdbc;

	private final KafkaTemplate<Object, Object> kafka;

	private final Audit audit;

	@SuppressWarnings("unchecked")
	DeadLetterReplay(JdbcClient jdbc, KafkaTemplate<?, ?> kafka, Audit audit) {
		this.jdbc = jdbc;
		this.audit = audit;
		// Spring Boot's template, with its String serializers for keys and values.
		this.kafka = (KafkaTemplate<Object, Object>) kafka;
	}

	/**
	 * Replays a dead letter unless it was replayed before. The row stays locked from the
	 * check until the commit, so concurrent replays publish once; if publishing fails,
	 * nothing is marked and the admin may try again. Should the commit fail after the
	 * broker took the record, ingest stores the event once anyway (idempotent by event
	 * id).
	 * @param id the dead letter
	 * @param actorId who asks
	 * @return the dead letter, marked replayed
	 */
	@Transactional
	DeadLetter replay(long id, String actorId) {
		DeadLetter letter = this.jdbc
			.sql("select " + DeadLetter.COLUMNS + " from dead_letters where id = :id for update")
			.param("id", id)
			.query(DeadLetter.MAPPER)
			.optional()
			.orElseThrow(() -> ProblemException.notFound("Dead letter " + id));
		if (letter.replayedAt() != null) {
			return letter;
		}
		String payload = letter.payload();
		if (payload == null) {
			throw new ProblemException(ProblemTypes.UNPROCESSABLE, "Dead letter " + id + " has no payload to replay.");
		}
		ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.AUDIT_EVENTS, letter.key(), payload);
		record.headers().add(REPLAY_OF_HEADER, Long.toString(id).getBytes(StandardCharsets.US_ASCII));
		try {
			this.kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProblemException.unavailable("Kafka did not take the record; nothing was replayed.");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE,
					"Kafka did not take the record; nothing was replayed.", ex);
		}
		DeadLetter replayed = this.jdbc
			.sql("update dead_letters set replayed_at = now(), replayed_by = :actor where id = :id returning "
					+ DeadLetter.COLUMNS)
			.param("id", id)
			.param("actor", actorId)
			.query(DeadLetter.MAPPER)
			.single();
		// An admin putting a record back into the trail is itself an action the trail
		// keeps,
		// in the same transaction as the marking.
		this.audit.record(AuditEntry.of("audit.dead-letter.replayed", Outcome.SUCCESS, "dead-letter", id)
			.detail("topic", letter.topic())
			.detail("partition", letter.partition())
			.detail("offset", letter.offset())
			.detail("key", letter.key())
			.detail("reason", letter.reason()));
		return replayed;
	}

}
