package dev.warden.audit.ingest;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the monthly partitions of {@code audit_records} ahead of time, at start-up and
 * every few hours after, so that records land in their month's partition rather than the
 * default one (which takes anything, so nothing is refused if this job falls behind).
 */
@Component
class Partitions {

	private static final Logger log = LoggerFactory.getLogger(Partitions.class);

	private final JdbcClient jdbc;

	private final IngestProperties properties;

	Partitions(JdbcClient jdbc, IngestProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "PT6H")
	void createAhead() {
		LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
		for (int i = 0; i <= this.properties.partitionsAhead(); i++) {
			try {
				this.jdbc.sql("select audit_ensure_partition(:day)")
					.param("day", month.plusMonths(i))
					.query((rs, row) -> 1)
					.list();
			}
			catch (DataAccessException ex) {
				// The default partition already holds rows of that month; they stay
				// there.
				log.warn("Could not create the audit partition of {}", month.plusMonths(i), ex);
			}
		}
	}

}
