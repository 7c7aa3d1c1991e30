package dev.warden.audit.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.audit.AuditRecorded;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event read from {@code audit.events}, checked against the contract, with its details
 * kept as the exact JSON the producer sent.
 */
record IncomingEvent(UUID id, Instant time, String source, String subject, String actorKind, String actorId,
		String actorName, List<String> actorRoles, @Nullable String clientAddress, String action, String outcome,
		String resourceType, @Nullable String resourceId, JsonNode details, @Nullable String traceId) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final TypeReference<EventEnvelope<AuditRecorded>> ENVELOPE = new TypeReference<>() {
	};

	static IncomingEvent parse(@Nullable String payload) {
		if (payload == null) {
			throw new UnreadableEventException("the record has no value");
		}
		// PostgreSQL's jsonb cannot hold NUL; such a record could never be stored.
		if (payload.contains("\\u0000")) {
			throw new UnreadableEventException("the event contains a NUL character");
		}
		JsonNode tree;
		EventEnvelope<AuditRecorded> envelope;
		try {
			tree = JSON.readTree(payload);
			envelope = JSON.treeToValue(tree, ENVELOPE);
		}
		catch (RuntimeException ex) {
			throw new UnreadableEventException("the event is not a readable envelope: " + ex.getMessage(), ex);
		}
		if (envelope == null) {
			throw new UnreadableEventException("the event is empty");
		}
		if (!AuditRecorded.TYPE.equals(envelope.type()) || envelope.version() != AuditRecorded.VERSION) {
			throw new UnreadableEventException(
					"unknown event type " + envelope.type() + " version " + envelope.version());
		}
		AuditRecorded data = envelope.data();
		JsonNode details = tree.path("data").path("details");
		if (!details.isObject()) {
			details = JSON.createObjectNode();
		}
		// PostgreSQL keeps microseconds; the hash must be of what is stored.
		return new IncomingEvent(envelope.id(), envelope.time().truncatedTo(ChronoUnit.MICROS), envelope.source(),
				envelope.subject(), envelope.actor().kind().name(), envelope.actor().id(), envelope.actor().name(),
				envelope.actor().roles(), envelope.actor().clientAddress(), data.action(), data.outcome().name(),
				data.resourceType(), data.resourceId(), details, envelope.traceId());
	}

	String detailsJson() {
		return JSON.writeValueAsString(this.details);
	}

}
