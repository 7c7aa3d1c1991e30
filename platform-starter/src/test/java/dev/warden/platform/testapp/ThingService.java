package dev.warden.platform.testapp;

import java.util.Map;
import java.util.UUID;

import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.outbox.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ThingService {

	static final String TOPIC = Topics.RULES_EVENTS;

	private final Outbox outbox;

	private final Audit audit;

	ThingService(Outbox outbox, Audit audit) {
		this.outbox = outbox;
		this.audit = audit;
	}

	@Transactional
	UUID create(String name, int count) {
		this.audit.record(AuditEntry.of("thing.created", Outcome.SUCCESS, "thing", name).detail("count", count));
		return this.outbox.publish(TOPIC, "thing.created", 1, name, Map.of("name", name, "count", count)).id();
	}

	@Transactional
	void createThenFail(String name) {
		this.outbox.publish(TOPIC, "thing.created", 1, name, Map.of("name", name));
		throw new IllegalStateException("failing after the event was written");
	}

}
