package dev.warden.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The envelope every event travels in, whatever its topic.
 *
 * @param <D> the type of the event's data
 * @param id a UUIDv7, unique per event; consumers deduplicate by it
 * @param type the event type, for example {@code audit.recorded}
 * @param version the version of the data's schema for this type
 * @param source the service that produced the event
 * @param time when the event happened
 * @param subject what the event is about; also the Kafka key, so events about one subject
 * stay in order
 * @param actor who caused the event
 * @param traceId the trace the event belongs to, when there was one
 * @param data the event's own facts
 */
public record EventEnvelope<D>(UUID id, String type, int version, String source, Instant time, String subject,
		Actor actor, @Nullable String traceId, D data) {

	public EventEnvelope {
		Objects.requireNonNull(id, "id");
		requireText(type, "type");
		requireText(source, "source");
		Objects.requireNonNull(time, "time");
		requireText(subject, "subject");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(data, "data");
		if (version < 1) {
			throw new IllegalArgumentException("version must be at least 1");
		}
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
