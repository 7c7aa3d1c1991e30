package dev.warden.benchaudit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.AuditRecorded;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer: what a plain consumer of {@code audit.events} does without a chain. It reads
 * with the same consumer settings as audit-service (taken from audit-service's consumer
 * factory), parses each event with the same Jackson settings, batch-inserts a poll's
 * events into {@code audit_plain} (the columns of {@code audit_records} minus sequence
 * and hashes, with the same query indexes: actor, full text, time, resource and service,
 * each ending in the time where audit-service's end in the sequence) in one transaction,
 * and commits the offsets only after the database commit. No advisory lock, no
 * deduplication table, no head read, no hashing, no partitions: what is left out is what
 * the chain and its guarantees cost, so that the ratio measures them and not the search
 * features both stores need.
 */
final class PlainConsumer implements AutoCloseable {

	static final String SCHEMA = """
			create table if not exists audit_plain (
			    event_id       uuid        primary key,
			    time           timestamptz not null,
			    service        text        not null,
			    subject        text        not null,
			    actor_kind     text        not null,
			    actor_id       text        not null,
			    actor_name     text        not null,
			    actor_roles    text[]      not null,
			    client_address text,
			    action         text        not null,
			    outcome        text        not null,
			    resource_type  text        not null,
			    resource_id    text,
			    details        jsonb       not null,
			    trace_id       text,
			    recorded_at    timestamptz not null default now()
			);
			create index if not exists audit_plain_actor on audit_plain (actor_id, time);
			create index if not exists audit_plain_search on audit_plain
			    using gin (jsonb_to_tsvector('simple'::regconfig, details, '["string", "numeric"]'::jsonb));
			create index if not exists audit_plain_time on audit_plain (time);
			create index if not exists audit_plain_resource on audit_plain (resource_type, resource_id, time);
			create index if not exists audit_plain_service on audit_plain (service, time);
			""";

	private static final String INSERT = "insert into audit_plain (event_id, time, service, subject, actor_kind, "
			+ "actor_id, actor_name, actor_roles, client_address, action, outcome, resource_type, resource_id, "
			+ "details, trace_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final TypeReference<EventEnvelope<AuditRecorded>> ENVELOPE = new TypeReference<>() {
	};

	private final Map<String, Object> consumerConfig;

	private final String jdbcUrl;

	private final Thread thread;

	private volatile boolean active;

	private volatile boolean closed;

	private volatile boolean paused = true;

	private volatile @Nullable Throwable failure;

	PlainConsumer(Map<String, Object> audiServiceConsumerConfig, String jdbcUrl) {
		this.consumerConfig = new HashMap<>(audiServiceConsumerConfig);
		this.consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-consumer");
		this.consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-plain-consumer");
		this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.jdbcUrl = jdbcUrl;
		this.thread = Thread.ofPlatform().name("plain-consumer").daemon(true).unstarted(this::run);
	}

	void start() {
		this.thread.start();
	}

	/** Lets it consume (again). */
	void resume() {
		this.active = true;
	}

	/**
	 * Stops it consuming and waits until its current poll is stored; it stays in its
	 * group.
	 */
	void pause() {
		this.active = false;
		while (!this.paused && this.failure == null && this.thread.isAlive()) {
			sleep();
		}
	}

	@Nullable Throwable failure() {
		return this.failure;
	}

	private void run() {
		Properties user = new Properties();
		user.setProperty("user", "postgres");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(this.consumerConfig);
				Connection connection = DriverManager.getConnection(this.jdbcUrl, user)) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute(SCHEMA);
			}
			connection.setAutoCommit(false);
			consumer.subscribe(List.of(Topics.AUDIT_EVENTS));
			while (!this.closed) {
				if (!this.active) {
					consumer.pause(consumer.assignment());
					this.paused = true;
					consumer.poll(Duration.ofMillis(100));
					continue;
				}
				this.paused = false;
				consumer.resume(consumer.paused());
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				if (records.isEmpty()) {
					continue;
				}
				store(connection, records);
				connection.commit();
				// After the database commit, as audit-service does.
				consumer.commitSync();
			}
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
	}

	private static void store(Connection connection, ConsumerRecords<String, String> records) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (ConsumerRecord<String, String> record : records) {
				JsonNode tree = JSON.readTree(record.value());
				EventEnvelope<AuditRecorded> event = JSON.treeToValue(tree, ENVELOPE);
				AuditRecorded data = event.data();
				Actor actor = event.actor();
				insert.setObject(1, event.id());
				insert.setTimestamp(2, Timestamp.from(event.time().truncatedTo(ChronoUnit.MICROS)));
				insert.setString(3, event.source());
				insert.setString(4, event.subject());
				insert.setString(5, actor.kind().name());
				insert.setString(6, actor.id());
				insert.setString(7, actor.name());
				insert.setArray(8, connection.createArrayOf("text", actor.roles().toArray()));
				insert.setString(9, actor.clientAddress());
				insert.setString(10, data.action());
				insert.setString(11, data.outcome().name());
				insert.setString(12, data.resourceType());
				insert.setString(13, data.resourceId());
				insert.setString(14, JSON.writeValueAsString(tree.path("data").path("details")));
				if (event.traceId() != null) {
					insert.setString(15, event.traceId());
				}
				else {
					insert.setNull(15, Types.VARCHAR);
				}
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.thread.join(Duration.ofSeconds(10));
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
