package dev.warden.audit.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.warden.audit.chain.AuditRecord;
import dev.warden.audit.chain.AuditRecordRows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads records newest first, a page at a time by sequence (keyset), and single records.
 */
@Component
class AuditLogs {

	private final JdbcClient jdbc;

	AuditLogs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns a page of the records the filter selects.
	 * @param filter the filter
	 * @param after the sequence the page starts below, or {@code null} for the newest
	 * @param limit the page size
	 * @return the page
	 */
	AuditLogPage find(AuditFilter filter, @Nullable Long after, int limit) {
		StringBuilder sql = new StringBuilder("select " + AuditRecordRows.COLUMNS + " from audit_records where true");
		Map<String, Object> parameters = new LinkedHashMap<>();
		filter.appendTo(sql, parameters);
		if (after != null) {
			sql.append(" and sequence < :after");
			parameters.put("after", after);
		}
		sql.append(" order by sequence desc limit :limit");
		parameters.put("limit", limit + 1);
		List<AuditRecord> items = this.jdbc.sql(sql.toString()).params(parameters).query(AuditRecordRows.MAPPER).list();
		if (items.size() > limit) {
			List<AuditRecord> page = List.copyOf(items.subList(0, limit));
			return new AuditLogPage(page, Cursors.encode(page.getLast().sequence()));
		}
		return new AuditLogPage(items, null);
	}

	/**
	 * Returns the record stored from an event.
	 * @param eventId the event's id
	 * @param actorId if not {@code null}, the record only if this actor acted
	 * @return the record
	 */
	Optional<AuditRecord> find(UUID eventId, @Nullable String actorId) {
		return this.jdbc
			.sql("select " + AuditRecordRows.COLUMNS + " from audit_records where event_id = :id "
					+ "and (cast(:actor as text) is null or actor_id = :actor)")
			.param("id", eventId)
			.param("actor", actorId)
			.query(AuditRecordRows.MAPPER)
			.optional();
	}

	List<DeadLetter> deadLetters(@Nullable Long before, int limit) {
		return this.jdbc
			.sql("select " + DeadLetter.COLUMNS + " from dead_letters "
					+ "where (cast(:before as bigint) is null or id < :before) order by id desc limit :limit")
			.param("before", before)
			.param("limit", limit)
			.query(DeadLetter.MAPPER)
			.list();
	}

}
