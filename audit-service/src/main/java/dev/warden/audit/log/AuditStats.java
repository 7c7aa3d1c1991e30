package dev.warden.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts records over a bounded time range. The range's bound keeps the scan to a few
 * monthly partitions, which the time condition prunes to.
 */
@Component
class AuditStats {

	private final JdbcClient jdbc;

	AuditStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts the records from {@code from} (inclusive) to {@code to} (exclusive).
	 * @param from the start
	 * @param to the end
	 * @param top how many of the most active users to name
	 * @return the statistics
	 */
	// One snapshot, so that the per-day counts and the users agree.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	AuditStatistics count(Instant from, Instant to, int top) {
		List<AuditStatistics.DailyCount> perDay = this.jdbc
			.sql("select (time at time zone 'UTC')::date as day, action, outcome, count(*) as count "
					+ "from audit_records where time >= :from and time < :to " + "group by 1, 2, 3 order by 1, 2, 3")
			.param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
			.param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
			.query((rs, row) -> new AuditStatistics.DailyCount(rs.getObject("day", LocalDate.class),
					rs.getString("action"), rs.getString("outcome"), rs.getLong("count")))
			.list();
		List<AuditStatistics.ActiveUser> users = this.jdbc
			.sql("select actor_id, (array_agg(actor_name order by sequence desc))[1] as actor_name, "
					+ "count(*) as count from audit_records "
					+ "where time >= :from and time < :to and actor_kind = 'USER' "
					+ "group by actor_id order by count desc, actor_id limit :top")
			.param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
			.param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
			.param("top", top)
			.query((rs, row) -> new AuditStatistics.ActiveUser(rs.getString("actor_id"), rs.getString("actor_name"),
					rs.getLong("count")))
			.list();
		long total = perDay.stream().mapToLong(AuditStatistics.DailyCount::count).sum();
		return new AuditStatistics(from, to, total, perDay, users);
	}

}
