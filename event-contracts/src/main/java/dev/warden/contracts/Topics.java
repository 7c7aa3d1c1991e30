package dev.warden.contracts;

import java.util.List;

/**
 * Kafka topic names. Producers own their events; these names are the only thing a
 * consumer needs to agree on with them.
 */
public final class Topics {

	/** Every audit-worthy action of every service, consumed by audit-service. */
	public static final String AUDIT_EVENTS = "audit.events";

	/** Approval requests and decisions, produced by command-service. */
	public static final String APPROVAL_EVENTS = "approval.events";

	/** Rule changes, produced by rules-service so that every replica reloads. */
	public static final String RULES_EVENTS = "rules.events";

	/** Users, roles, tiers and API keys, produced by auth-service. */
	public static final String IDENTITY_EVENTS = "identity.events";

	/**
	 * Suffix of the dead-letter topic that receives records a consumer could not process.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private static final List<String> ALL = List.of(AUDIT_EVENTS, APPROVAL_EVENTS, RULES_EVENTS, IDENTITY_EVENTS);

	private Topics() {
	}

	/**
	 * Returns every event topic, without dead-letter topics.
	 * @return the topic names
	 */
	public static List<String> all() {
		return ALL;
	}

	/**
	 * Returns the dead-letter topic for a topic.
	 * @param topic the topic a consumer reads
	 * @return the name of its dead-letter topic
	 */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
