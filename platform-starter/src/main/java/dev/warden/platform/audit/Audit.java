package dev.warden.platform.audit;

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
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return write(entry);
		}
		return recordIndependently(entry);
	}

	/**
	 * Records an action in a transaction of its own, so that it stays recorded even when
	 * the caller's transaction rolls back.
	 * @param entry what happened
	 * @return the event that was written
	 */
	public EventEnvelope<AuditRecorded> recordIndependently(AuditEntry entry) {
		EventEnvelope<AuditRecorded> written = this.ownTransaction.execute((status) -> write(entry));
		if (written == null) {
			throw new IllegalStateException("Audit record was not written");
		}
		return written;
	}

	private EventEnvelope<AuditRecorded> write(AuditEntry entry) {
		// The actor's id is the key, so one person's trail stays in order.
		return this.outbox.publish(Topics.AUDIT_EVENTS, AuditRecorded.TYPE, AuditRecorded.VERSION,
				this.actor.get().id(), entry.toEvent());
	}

}
