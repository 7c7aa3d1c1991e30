package dev.warden.audit.log;

import java.time.OffsetDateTime;
import java.util.List;

import dev.warden.audit.chain.AuditRecord;
import dev.warden.audit.chain.AuditRecordRows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads records newest first, a page at a time by sequence (keyset), with optional
 * filters; a filter left out does not constrain.
 */
@Component
class AuditLogs {

	private final JdbcClient jdbc;

	AuditLogs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AuditLogPage find(@Nullable String actorId, @Nullable String actionPrefix, @Nullable String outcome,
			@Nullable Long before, int limit) {
		List<AuditRecord> items = this.jdbc
			.sql("select " + AuditRecordRows.COLUMNS + " from audit_records "
					+ "where (cast(:actor as text) is null or actor_id = :actor) "
					+ "and (cast(:action as text) is null or starts_with(action, :action)) "
					+ "and (cast(:outcome as text) is null or outcome = :outcome) "
					+ "and (cast(:before as bigint) is null or sequence < :before) "
					+ "order by sequence desc limit :limit")
			.param("actor", actorId)
			.param("action", actionPrefix)
			.param("outcome", outcome)
			.param("before", before)
			.param("limit", limit + 1)
			.query(AuditRecordRows.MAPPER)
			.list();
		if (items.size() > limit) {
			List<AuditRecord> page = items.subList(0, limit);
			return new AuditLogPage(List.copyOf(page), page.getLast().sequence());
		}
		return new AuditLogPage(items, null);
	}

	List<DeadLetter> deadLetters(@Nullable Long before, int limit) {
		return this.jdbc
			.sql("select id, topic, record_partition, record_offset, record_key, payload, reason, dead_letter_topic, "
					+ "failed_at from dead_letters where (cast(:before as bigint) is null or id < :before) "
					+ "order by id desc limit :limit")
			.param("before", before)
			.param("limit", limit)
			.query((rs, row) -> new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("record_partition"),
					rs.getLong("record_offset"), rs.getString("record_key"), rs.getString("payload"),
					rs.getString("reason"), rs.getString("dead_letter_topic"),
					rs.getObject("failed_at", OffsetDateTime.class).toInstant()))
			.list();
	}

}
