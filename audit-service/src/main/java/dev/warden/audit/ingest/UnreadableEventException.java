package dev.warden.audit.ingest;

/**
 * A record of {@code audit.events} that can never be stored, however often it is tried:
 * not JSON, an unknown type or version, or a missing field. Only these go to the
 * dead-letter topic.
 */
class UnreadableEventException extends RuntimeException {

	UnreadableEventException(String message) {
		super(message);
	}

	UnreadableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
