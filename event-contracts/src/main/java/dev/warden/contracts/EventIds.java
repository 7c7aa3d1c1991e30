package dev.warden.contracts;

import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;

/** Creates event identifiers. */
public final class EventIds {

	private EventIds() {
	}

	/**
	 * Returns a new UUIDv7 (RFC 9562): unique, and ordered by creation time so that
	 * database indexes on it stay compact.
	 * @return a new identifier
	 */
	public static UUID next() {
		return UuidCreator.getTimeOrderedEpoch();
	}

}
