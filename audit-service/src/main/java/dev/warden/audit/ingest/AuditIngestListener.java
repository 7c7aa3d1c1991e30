package dev.warden.audit.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.warden.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads {@code audit.events} a poll at a time. The events of a poll are stored in one
 * transaction; the container commits the offsets only after the listener returns, that is
 * after the database commit, so a crash in between replays events that deduplication then
 * ignores. An unreadable record stops the batch at that record: the ones before it are
 * stored first, and the error handler dead-letters it after bounded retries and goes on
 * with the ones after it.
 */
@Component
class AuditIngestListener {

	/** The listener container's id, for starting and stopping it. */
	static final String ID = "audit-ingest";

	/** The consumer group every audit-service replica joins. */
	static final String GROUP = "audit-service";

	private final AuditWriter writer;

	private final ObjectProvider<IngestHook> hooks;

	AuditIngestListener(AuditWriter writer, ObjectProvider<IngestHook> hooks) {
		this.writer = writer;
		this.hooks = hooks;
	}

	@KafkaListener(id = ID, groupId = GROUP, topics = Topics.AUDIT_EVENTS,
			containerFactory = IngestConfiguration.CONTAINER_FACTORY, batch = "true")
	void onEvents(List<ConsumerRecord<String, String>> records) {
		List<IncomingEvent> events = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			try {
				events.add(IncomingEvent.parse(records.get(i).value()));
			}
			catch (UnreadableEventException ex) {
				store(events);
				throw new BatchListenerFailedException(ex.getMessage(), ex, i);
			}
		}
		store(events);
	}

	private void store(List<IncomingEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		this.writer.append(events);
		this.hooks.ifAvailable((hook) -> hook.afterDatabaseCommit(events.stream().map(IncomingEvent::id).toList()));
	}

}
