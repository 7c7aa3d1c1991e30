package dev.warden.testsupport;

/** An infrastructure server a test can ask for. */
public enum Service {

	/** PostgreSQL 17, with a fresh database per Spring test context. */
	POSTGRES,

	/** A Kafka broker in KRaft mode. */
	KAFKA,

	/** Redis. */
	REDIS

}
