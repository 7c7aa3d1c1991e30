package dev.warden.audit.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Gives up on a record only when it can never be stored: publishes it to the dead-letter
 * topic (waiting for the broker's acknowledgement) and keeps a row about it in
 * {@code dead_letters}. Any other failure, such as the database being down, is refused
 * here, so the error handler replays the record instead of dropping a readable event.
 */
class DeadLetters implements ConsumerRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublishingRecoverer publisher;

	/**
	 * The header a replay adds itself; a record that fails again after a replay is a new
	 * dead letter, and its next replay names that one.
	 */
	private static final String REPLAY_OF_HEADER = "warden-replay-of";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Counter deadLettered;

	DeadLetters(KafkaOperations<?, ?> kafka, JdbcClient jdbc, JsonMapper json, MeterRegistry meters) {
		// Partition -1: the producer picks one, whatever the dead-letter topic's size.
		this.publisher = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		this.jdbc = jdbc;
		this.json = json;
		this.deadLettered = Counter.builder("warden.audit.records.dead.lettered")
			.description("Unreadable records of audit.events sent to the dead-letter topic")
			.register(meters);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception ex) {
		UnreadableEventException unreadable = unreadable(ex);
		if (unreadable == null) {
			throw new IllegalStateException("Not dead-lettering a record that failed for another reason; "
					+ "it is retried: " + record.topic() + "-" + record.partition() + "@" + record.offset(), ex);
		}
		this.publisher.accept(record, ex);
		this.jdbc
			.sql("insert into dead_letters (topic, record_partition, record_offset, record_key, payload, reason, "
					+ "dead_letter_topic, headers) values (:topic, :partition, :offset, :key, :payload, :reason, :dlt, "
					+ "cast(:headers as jsonb)) on conflict do nothing")
			.param("topic", record.topic())
			.param("partition", record.partition())
			.param("offset", record.offset())
			.param("key", (record.key() != null) ? record.key().toString() : null)
			.param("payload", (record.value() != null) ? record.value().toString().replace("\u0000", "") : null)
			.param("reason", String.valueOf(unreadable.getMessage()))
			.param("dlt", Topics.deadLetter(record.topic()))
			.param("headers", this.json.writeValueAsString(headers(record)))
			.update();
		this.deadLettered.increment();
		log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				unreadable.getMessage());
	}

	/**
	 * The record's headers as text, for a replay to send again: the trace context
	 * ({@code traceparent}), the event id and type. Values that are not UTF-8, or contain
	 * a NUL (which PostgreSQL's text cannot hold), are left out rather than stored
	 * altered.
	 */
	private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			String value = utf8(header.value());
			if (value != null && !header.key().equals(REPLAY_OF_HEADER) && header.key().indexOf('\u0000') < 0
					&& value.indexOf('\u0000') < 0) {
				headers.put(header.key(), value);
			}
		}
		return headers;
	}

	private static @Nullable String utf8(byte @Nullable [] value) {
		if (value == null) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(value))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static @Nullable UnreadableEventException unreadable(Throwable ex) {
		for (@Nullable
		Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnreadableEventException found) {
				return found;
			}
		}
		return null;
	}

}
