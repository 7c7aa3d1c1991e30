package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

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
		this.producer = producer(kafkaProperties, this.timeout);
		this.audit = audit;
	}

	/**
	 * A producer of its own rather than the application's template: {@code send} waits
	 * for the topic's metadata for up to {@code max.block.ms} (60 s by default) before it
	 * even returns, so with the broker down the admin's request would hang that long
	 * whatever the wait for the acknowledgement. Here every wait is bounded by
	 * {@code replay-timeout}, and the producer gives a record up after that long too
	 * ({@code delivery.timeout.ms}) rather than retrying it in the background for two
	 * minutes. Should a record still arrive after the 503 (metadata came late, then the
	 * broker took it), ingest stores its event once anyway (idempotent by event id) and
	 * the dead letter merely stays unmarked.
	 */
	private static Producer<String, String> producer(KafkaProperties kafkaProperties, Duration timeout) {
		Map<String, Object> config = kafkaProperties.buildProducerProperties();
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis);
		// delivery.timeout.ms must cover linger.ms plus request.timeout.ms.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "audit-dead-letter-replay");
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
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
