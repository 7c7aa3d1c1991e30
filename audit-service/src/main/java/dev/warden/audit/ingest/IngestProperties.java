package dev.warden.audit.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How audit-service ingests {@code audit.events}.
 *
 * @param retryInterval the pause between attempts at a record that failed
 * @param retries how often an unreadable record is tried again before it is dead-lettered
 * @param partitionsAhead how many months beyond the current one have their partition
 * created ahead of time
 */
@ConfigurationProperties("warden.audit.ingest")
record IngestProperties(@DefaultValue("500ms") Duration retryInterval, @DefaultValue("2") int retries,
		@DefaultValue("2") int partitionsAhead) {

}
