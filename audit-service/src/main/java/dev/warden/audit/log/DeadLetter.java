package dev.warden.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/**
 * A record of {@code audit.events} that could not be stored.
 *
 * @param id the row's id
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param key its key
 * @param payload its value as received
 * @param reason why it could not be stored
 * @param deadLetterTopic where it was published
 * @param headers its Kafka headers that are text (trace context, event id and type), sent
 * again by a replay
 * @param failedAt when it was given up on
 * @param replayedAt when an admin published it to the topic again, if so
 * @param replayedBy who did
 */
record DeadLetter(long id, String topic, int partition, long offset, @Nullable String key, @Nullable String payload,
		String reason, String deadLetterTopic, Map<String, String> headers, Instant failedAt,
		@Nullable Instant replayedAt, @Nullable String replayedBy) {

	static final String COLUMNS = "id, topic, record_partition, record_offset, record_key, payload, reason, "
			+ "dead_letter_topic, headers::text as headers, failed_at, replayed_at, replayed_by";

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	static final RowMapper<DeadLetter> MAPPER = (rs, row) -> {
		OffsetDateTime replayedAt = rs.getObject("replayed_at", OffsetDateTime.class);
		return new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("record_partition"),
				rs.getLong("record_offset"), rs.getString("record_key"), rs.getString("payload"),
				rs.getString("reason"), rs.getString("dead_letter_topic"),
				JsonMapper.shared().readValue(rs.getString("headers"), HEADERS),
				rs.getObject("failed_at", OffsetDateTime.class).toInstant(),
				(replayedAt != null) ? replayedAt.toInstant() : null, rs.getString("replayed_by"));
	};

}
