package dev.warden.platform.audit;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.platform.outbox.Outbox;
import dev.warden.platform.security.CurrentActor;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records audit events through the outbox. Inside a transaction the record commits or
 * rolls back with the change it describes; outside one, or with
 * {@link #recordIndependently}, it commits on its own, which is what a refusal or a
 * failure needs.
 */
public final class Audit {

	private final Outbox outbox;

	private final CurrentActor actor;

	private final TransactionTemplate ownTransaction;

	Audit(Outbox outbox, CurrentActor actor, TransactionTemplate ownTransaction) {
		this.outbox = outbox;
		this.actor = actor;
		this.ownTransaction = ownTransaction;
	}

	/**
	 * Records an action, in the current transaction if there is one.
	 * @param entry what happened
	 * @return the event that was written
	 */
	public EventEnvelope<AuditRecorded> record(AuditEntry entry) {
		return record(entry, this.actor.get());
	}

	/**
	 * Records an action by a given actor, in the current transaction if there is one; for
	 * example a sign-in, whose user has no token yet.
	 * @param entry what happened
	 * @param actor who did it
	 * @return the event that was written
	 */
	public EventEnvelope<AuditRecorded> record(AuditEntry entry, Actor actor) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return write(entry, actor);
		}
		return recordIndependently(entry, actor);
	}

	/**
	 * Records an action in a transaction of its own, so that it stays recorded even when
	 * the caller's transaction rolls back.
	 * @param entry what happened
	 * @return the event that was written
	 */
	public EventEnvelope<AuditRecorded> recordIndependently(AuditEntry entry) {
		return recordIndependently(entry, this.actor.get());
	}

	/**
	 * Records an action by a given actor in a transaction of its own.
	 * @param entry what happened
	 * @param actor who did it
	 * @return the event that was written
	 */
	public EventEnvelope<AuditRecorded> recordIndependently(AuditEntry entry, Actor actor) {
		EventEnvelope<AuditRecorded> written = this.ownTransaction.execute((status) -> write(entry, actor));
		if (written == null) {
			throw new IllegalStateException("Audit record was not written");
		}
		return written;
	}

	private EventEnvelope<AuditRecorded> write(AuditEntry entry, Actor actor) {
		// The actor's id is the key, so one person's trail stays in order.
		return this.outbox.publish(Topics.AUDIT_EVENTS, AuditRecorded.TYPE, AuditRecorded.VERSION, actor.id(),
				entry.toEvent(), actor);
	}

}
