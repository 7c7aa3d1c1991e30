package dev.warden.platform.outbox;

/**
 * Kafka headers the relay adds to every event, so consumers can route without parsing.
 */
public final class EventHeaders {

	/** The envelope's id. */
	public static final String EVENT_ID = "warden-event-id";

	/** The envelope's type. */
	public static final String EVENT_TYPE = "warden-event-type";

	private EventHeaders() {
	}

}
