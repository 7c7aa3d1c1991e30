package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.warden.audit.BoundedProducers;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes a dead letter to {@code audit.events} again, once: for a record that failed
 * because this service could not read it then (an event version it did not know yet) and
 * can now. A record that still cannot be read is dead-lettered again, as a new dead
 * letter.
 */
@Component
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterReplay implements DisposableBean {

	/** The header naming the dead letter a replayed record came from. */
	static final String REPLAY_OF_HEADER = "warden-replay-of";

	static final String NOT_REPLAYED = "Kafka did not take the record; nothing was replayed.";

	private final JdbcClient jdbc;

	private final Producer<String, String> producer;

	private final Duration timeout;

	private final Audit audit;

	DeadLetterReplay(JdbcClient jdbc, KafkaProperties kafkaProperties, DeadLetterProperties properties, Audit audit) {
		this.jdbc = jdbc;
		this.timeout = properties.replayTimeout();
		this.producer = BoundedProducers.create(kafkaProperties, "audit-dead-letter-replay", this.timeout);
		this.audit = audit;
	}

	@Override
	public void destroy() {
		this.producer.close(this.timeout);
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
		ProducerRecord<String, String> record = new ProducerRecord<>(Topics.AUDIT_EVENTS, letter.key(), payload);
		// The headers it was first sent with, so the replayed event stays linked to the
		// trace that produced it; the replay names the dead letter it comes from.
		letter.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		record.headers().add(REPLAY_OF_HEADER, Long.toString(id).getBytes(StandardCharsets.US_ASCII));
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Future<RecordMetadata> sent = this.producer.send(record);
			sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProblemException.unavailable(NOT_REPLAYED);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, NOT_REPLAYED, ex);
		}
		DeadLetter replayed = this.jdbc
			.sql("update dead_letters set replayed_at = now(), replayed_by = :actor where id = :id returning "
					+ DeadLetter.COLUMNS)
			.param("id", id)
			.param("actor", actorId)
			.query(DeadLetter.MAPPER)
			.single();
		// An admin putting a record back into the trail is itself an action the trail
		// keeps, in the same transaction as the marking.
		this.audit.record(AuditEntry.of("audit.dead-letter.replayed", Outcome.SUCCESS, "dead-letter", id)
			.detail("topic", letter.topic())
			.detail("partition", letter.partition())
			.detail("offset", letter.offset())
			.detail("key", letter.key())
			.detail("reason", letter.reason()));
		return replayed;
	}

}
