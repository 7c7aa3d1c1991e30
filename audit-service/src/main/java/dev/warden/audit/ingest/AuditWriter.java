package dev.warden.audit.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.warden.audit.chain.ChainHasher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the chain, a poll's worth in one transaction. Writers take turns
 * through a transaction-scoped advisory lock, and read the head of the chain only once
 * they hold it, so replicas and concurrent consumers extend one chain and never fork it.
 */
@Component
class AuditWriter {

	/** Arbitrary, but fixed: the advisory lock key of the chain. */
	static final long CHAIN_LOCK = 0x5741_5244_454e_4155L;

	private static final String INSERT = "insert into audit_records (sequence, event_id, time, service, subject, "
			+ "actor_kind, actor_id, actor_name, actor_roles, client_address, action, outcome, resource_type, "
			+ "resource_id, details, trace_id, hash, previous_hash) "
			+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)";

	private static final String REMEMBER_IDS = "insert into audit_event_ids (event_id) select unnest(?::uuid[]) "
			+ "on conflict do nothing returning event_id";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Counter stored;

	private final Counter duplicates;

	private final Timer lag;

	AuditWriter(JdbcClient jdbc, JdbcTemplate template, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.template = template;
		this.stored = Counter.builder("warden.audit.records.stored")
			.description("Audit events appended to the chain")
			.register(meters);
		this.duplicates = Counter.builder("warden.audit.records.duplicates")
			.description("Audit events received again and not stored twice")
			.register(meters);
		// A histogram, so that dashboards and alerts can ask for any percentile across
		// replicas.
		this.lag = Timer.builder("warden.audit.ingest.lag")
			.description("From an event's time (set by the producing service) to its record's commit in the trail")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(meters);
	}

	/**
	 * Stores the events not stored before, in their order, at the end of the chain.
	 * @param events the events of one poll, in the order read
	 * @return the events that were new
	 */
	@Transactional
	public List<IncomingEvent> append(List<IncomingEvent> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query((rs, row) -> 1).list();
		Map<UUID, IncomingEvent> unique = new LinkedHashMap<>();
		events.forEach((event) -> unique.putIfAbsent(event.id(), event));
		// One array parameter, so that the statement's text is the same for every batch
		// size and PostgreSQL plans it once per connection, not once per poll.
		Set<UUID> fresh = new HashSet<>(this.template.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(REMEMBER_IDS);
			statement.setArray(1, connection.createArrayOf("uuid", unique.keySet().toArray()));
			return statement;
		}, (rs, row) -> rs.getObject(1, UUID.class)));
		List<IncomingEvent> appended = new ArrayList<>();
		unique.values().stream().filter((event) -> fresh.contains(event.id())).forEach(appended::add);
		this.duplicates.increment(events.size() - appended.size());
		if (appended.isEmpty()) {
			return appended;
		}
		Head head = this.jdbc.sql("select sequence, hash from audit_records order by sequence desc limit 1")
			.query((rs, row) -> new Head(rs.getLong("sequence"), rs.getString("hash")))
			.optional()
			.orElse(new Head(0, ChainHasher.GENESIS));
		List<Object[]> rows = new ArrayList<>(appended.size());
		long sequence = head.sequence();
		String previous = head.hash();
		for (IncomingEvent event : appended) {
			sequence++;
			String hash = ChainHasher.hash(sequence, event.id(), event.time(), event.source(), event.subject(),
					event.actorKind(), event.actorId(), event.actorName(), event.actorRoles(), event.clientAddress(),
					event.action(), event.outcome(), event.resourceType(), event.resourceId(), event.details(),
					event.traceId(), previous);
			rows.add(new Object[] { sequence, event, hash, previous });
			previous = hash;
		}
		this.template.batchUpdate(INSERT, rows, rows.size(), AuditWriter::bind);
		countAfterCommit(appended);
		return appended;
	}

	/**
	 * Counts the records and measures their lag once they are committed, that is once a
	 * reader can see them; a rolled-back batch counts nothing and is measured when it is
	 * stored on a later attempt.
	 */
	private void countAfterCommit(List<IncomingEvent> appended) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Instant committed = Instant.now();
				AuditWriter.this.stored.increment(appended.size());
				// The event's time comes from the producer's clock: a clock ahead of
				// this one gives a negative lag, which Micrometer ignores.
				appended.forEach((event) -> AuditWriter.this.lag.record(Duration.between(event.time(), committed)));
			}

		});
	}

	private static void bind(PreparedStatement statement, Object[] row) throws SQLException {
		IncomingEvent event = (IncomingEvent) row[1];
		statement.setLong(1, (Long) row[0]);
		statement.setObject(2, event.id());
		statement.setTimestamp(3, Timestamp.from(event.time()));
		statement.setString(4, event.source());
		statement.setString(5, event.subject());
		statement.setString(6, event.actorKind());
		statement.setString(7, event.actorId());
		statement.setString(8, event.actorName());
		statement.setArray(9, statement.getConnection().createArrayOf("text", event.actorRoles().toArray()));
		statement.setString(10, event.clientAddress());
		statement.setString(11, event.action());
		statement.setString(12, event.outcome());
		statement.setString(13, event.resourceType());
		statement.setString(14, event.resourceId());
		statement.setString(15, event.detailsJson());
		if (event.traceId() != null) {
			statement.setString(16, event.traceId());
		}
		else {
			statement.setNull(16, Types.VARCHAR);
		}
		statement.setString(17, (String) row[2]);
		statement.setString(18, (String) row[3]);
	}

	private record Head(long sequence, String hash) {
	}

}
