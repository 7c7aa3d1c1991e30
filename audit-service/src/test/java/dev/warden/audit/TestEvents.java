package dev.warden.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import dev.warden.testsupport.Infrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes audit events to {@code audit.events} as services do. Events of one
 * {@link #publish} call share a key, so they land in one partition and are stored in the
 * order given.
 */
final class TestEvents implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, String> producer;

	TestEvents() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	static Event event(String actorId) {
		return new Event(actorId);
	}

	/**
	 * Publishes events in order, all with one key, and waits for the broker.
	 * @param key the key
	 * @param events the events
	 * @return their ids, in order
	 */
	List<UUID> publish(String key, List<Event> events) {
		List<Future<?>> sent = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (Event event : events) {
			ids.add(event.id);
			sent.add(this.producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS, key, event.json())));
		}
		try {
			for (Future<?> future : sent) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		return ids;
	}

	@Override
	public void close() {
		this.producer.close();
	}

	/** One event, with defaults for what a test does not care about. */
	static final class Event {

		final UUID id = EventIds.next();

		Actor.Kind kind = Actor.Kind.USER;

		final String actorId;

		String actorName;

		List<String> roles = List.of("MEMBER");

		String clientAddress = "10.0.0.7";

		String service = "command-service";

		String action = "command.submitted";

		Outcome outcome = Outcome.SUCCESS;

		String resourceType = "command";

		String resourceId = "c-" + this.id;

		Map<String, Object> details = new LinkedHashMap<>();

		Instant time = Instant.now();

		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

		Event(String actorId) {
			this.actorId = actorId;
			this.actorName = actorId + " name";
		}

		Event kind(Actor.Kind value) {
			this.kind = value;
			return this;
		}

		Event name(String value) {
			this.actorName = value;
			return this;
		}

		Event service(String value) {
			this.service = value;
			return this;
		}

		Event action(String value) {
			this.action = value;
			return this;
		}

		Event outcome(Outcome value) {
			this.outcome = value;
			return this;
		}

		Event resource(String type, String id) {
			this.resourceType = type;
			this.resourceId = id;
			return this;
		}

		Event detail(String name, Object value) {
			this.details.put(name, value);
			return this;
		}

		Event at(Instant value) {
			this.time = value;
			return this;
		}

		String json() {
			Actor actor = new Actor(this.kind, this.actorId, this.actorName, this.roles, this.clientAddress);
			return JSON.writeValueAsString(new EventEnvelope<>(this.id, AuditRecorded.TYPE, AuditRecorded.VERSION,
					this.service, this.time, "subject-" + this.id, actor, this.traceId,
					new AuditRecorded(this.action, this.outcome, this.resourceType, this.resourceId, this.details)));
		}

	}

}
