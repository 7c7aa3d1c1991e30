package dev.warden.platform.outbox;

import java.time.Instant;
import java.util.Map;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.EventIds;
import dev.warden.platform.security.CurrentActor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the outbox table in the caller's transaction. The event is published
 * to Kafka after the transaction commits; if it rolls back, the event never existed.
 */
public final class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CurrentActor actor;

	private final TraceHeaders trace;

	private final String source;

	private final @Nullable OutboxRelay relay;

	Outbox(JdbcClient jdbc, JsonMapper json, CurrentActor actor, TraceHeaders trace, String source,
			@Nullable OutboxRelay relay) {
		this.jdbc = jdbc;
		this.json = json;
		this.actor = actor;
		this.trace = trace;
		this.source = source;
		this.relay = relay;
	}

	/**
	 * Writes an event about a subject, caused by the current actor.
	 * @param <D> the data type
	 * @param topic the topic to publish to
	 * @param type the event type
	 * @param version the version of the data's schema
	 * @param subject what the event is about; events with the same subject stay in order
	 * @param data the event's facts
	 * @return the envelope that was written
	 * @throws IllegalStateException if no transaction is active
	 */
	public <D> EventEnvelope<D> publish(String topic, String type, int version, String subject, D data) {
		return publish(topic, type, version, subject, data, this.actor.get());
	}

	/**
	 * Writes an event caused by a given actor, for example the user who just signed in
	 * and has no token yet.
	 * @param <D> the data type
	 * @param topic the topic to publish to
	 * @param type the event type
	 * @param version the version of the data's schema
	 * @param subject what the event is about; events with the same subject stay in order
	 * @param data the event's facts
	 * @param actor who caused the event
	 * @return the envelope that was written
	 * @throws IllegalStateException if no transaction is active
	 */
	public <D> EventEnvelope<D> publish(String topic, String type, int version, String subject, D data, Actor actor) {
		EventEnvelope<D> envelope = new EventEnvelope<>(EventIds.next(), type, version, this.source, Instant.now(),
				subject, actor, this.trace.traceId(), data);
		append(topic, envelope);
		return envelope;
	}

	/**
	 * Writes a complete envelope.
	 * @param topic the topic to publish to
	 * @param envelope the event
	 * @throws IllegalStateException if no transaction is active
	 */
	public void append(String topic, EventEnvelope<?> envelope) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The outbox is written inside the transaction that changes the state; "
					+ "call it from a @Transactional method");
		}
		Map<String, String> headers = this.trace.capture();
		this.jdbc
			.sql("insert into platform.outbox_event (event_id, topic, event_key, event_type, payload, headers) "
					+ "values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))")
			.params(envelope.id(), topic, envelope.subject(), envelope.type(), this.json.writeValueAsString(envelope),
					this.json.writeValueAsString(headers))
			.update();
		wakeRelayAfterCommit();
	}

	private void wakeRelayAfterCommit() {
		OutboxRelay current = this.relay;
		if (current == null || TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.anyMatch(WakeRelayAfterCommit.class::isInstance)) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new WakeRelayAfterCommit(current));
	}

	/** Lets the relay publish right after the commit instead of at its next poll. */
	private record WakeRelayAfterCommit(OutboxRelay relay) implements TransactionSynchronization {

		@Override
		public void afterCommit() {
			this.relay.wakeUp();
		}

	}

}
