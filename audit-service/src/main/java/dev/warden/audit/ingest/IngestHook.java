package dev.warden.audit.ingest;

import java.util.List;
import java.util.UUID;

/**
 * Called after a poll's events are committed to the database and before the offsets are
 * committed to Kafka. There is no production implementation: tests use it to stop the
 * consumer in exactly that window.
 */
public interface IngestHook {

	/**
	 * Called once the database transaction has committed.
	 * @param eventIds the ids of the events of the poll, stored now or before
	 */
	void afterDatabaseCommit(List<UUID> eventIds);

}
