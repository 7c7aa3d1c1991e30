package dev.warden.auth.user;

import dev.warden.contracts.Topics;
import dev.warden.contracts.identity.IdentityEvent;
import dev.warden.platform.outbox.Outbox;

import org.springframework.stereotype.Component;

/**
 * Publishes identity events through the outbox, keyed by the user, in the caller's
 * transaction.
 */
@Component
public class IdentityEvents {

	private final Outbox outbox;

	IdentityEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * Publishes an event.
	 * @param event what happened
	 */
	public void publish(IdentityEvent event) {
		this.outbox.publish(Topics.IDENTITY_EVENTS, event.type(), IdentityEvent.VERSION, event.userId(), event);
	}

}
