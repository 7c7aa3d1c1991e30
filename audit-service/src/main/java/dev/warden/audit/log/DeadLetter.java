package dev.warden.audit.log;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

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
 * @param failedAt when it was given up on
 */
record DeadLetter(long id, String topic, int partition, long offset, @Nullable String key, @Nullable String payload,
		String reason, String deadLetterTopic, Instant failedAt) {

}
