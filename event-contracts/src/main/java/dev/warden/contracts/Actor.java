package dev.warden.contracts;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who caused an event: a person, a service acting on its own behalf, or the system itself
 * (a scheduler, a sweeper).
 *
 * @param kind what sort of actor this is
 * @param id a stable identifier (user id, service client id, or the service name)
 * @param name a display name at the time of the event
 * @param roles the roles the actor held at the time of the event
 * @param clientAddress the client's network address, when the event came from a request
 */
public record Actor(Kind kind, String id, String name, List<String> roles, @Nullable String clientAddress) {

	public Actor {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		roles = List.copyOf(roles);
	}

	/**
	 * The actor for work a service does on its own (schedulers, sweepers, relays).
	 * @param service the service name
	 * @return the actor
	 */
	public static Actor system(String service) {
		return new Actor(Kind.SYSTEM, service, service, List.of(), null);
	}

	/**
	 * The actor for a request that carries no credentials, such as a sign-in attempt.
	 * @param clientAddress the client's address, if known
	 * @return the actor
	 */
	public static Actor anonymous(@Nullable String clientAddress) {
		return new Actor(Kind.ANONYMOUS, "anonymous", "anonymous", List.of(), clientAddress);
	}

	/** What sort of actor caused an event. */
	public enum Kind {

		/** A caller without credentials. */
		ANONYMOUS,

		/** A person or an agent acting with a person's credentials. */
		USER,

		/** A Warden service calling with its own service token. */
		SERVICE,

		/** Work a service does by itself. */
		SYSTEM

	}

}
