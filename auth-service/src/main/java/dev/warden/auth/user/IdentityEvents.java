package dev.warden.auth.user;

import dev.warden.contracts.Topics;
import dev.warden.contracts.identity.IdentityEvent;
import dev.warden.contracts.identity.UserRegistered;
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

	/**
	 * Announces a user who was just created, however they came to be (sign-up, an
	 * administrator, the first administrator, the demo users).
	 * @param user the saved user
	 */
	public void registered(User user) {
		publish(new UserRegistered(user.getId().toString(), user.getUsername(), user.getRole().name(),
				user.getTier().name()));
	}

}
