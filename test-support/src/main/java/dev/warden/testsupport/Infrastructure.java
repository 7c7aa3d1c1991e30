package dev.warden.testsupport;

/**
 * Real servers for tests, started once per test JVM and only when first asked for. Where
 * a Docker engine answers they are Testcontainers; otherwise they are the embedded
 * servers that {@code ./warden up} uses. Tests see the same connection details either
 * way.
 */
public interface Infrastructure {

	/**
	 * Creates a fresh database.
	 * @param name a lower-case name, unique in this JVM
	 * @return how to reach it
	 */
	DatabaseDetails createDatabase(String name);

	/**
	 * Returns Kafka's bootstrap servers.
	 * @return {@code host:port}
	 */
	String kafkaBootstrapServers();

	/**
	 * Returns Redis's address.
	 * @return {@code redis://host:port}
	 */
	String redisAddress();

	/**
	 * Returns the infrastructure for this JVM: Testcontainers where a Docker engine
	 * answers, or the embedded servers;
	 * {@code -Dwarden.test.infrastructure=embedded|containers} forces one.
	 * @return the infrastructure
	 */
	static Infrastructure get() {
		return Infrastructures.current();
	}

}
