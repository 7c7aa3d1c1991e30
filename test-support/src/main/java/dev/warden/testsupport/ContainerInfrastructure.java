package dev.warden.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same servers as Testcontainers, for machines with a Docker engine. Testcontainers'
 * reaper removes them when the JVM exits.
 */
final class ContainerInfrastructure implements Infrastructure {

	static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");

	static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka-native:4.1.2");

	static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7-alpine");

	private @Nullable PostgreSQLContainer postgres;

	private @Nullable KafkaContainer kafka;

	private @Nullable GenericContainer<?> redis;

	@Override
	public synchronized DatabaseDetails createDatabase(String name) {
		if (this.postgres == null) {
			PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c",
					"fsync=off", "-c", "max_connections=300");
			container.start();
			this.postgres = container;
		}
		PostgreSQLContainer container = this.postgres;
		try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
				container.getPassword())) {
			connection.createStatement().execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		String url = container.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
		return new DatabaseDetails(url, container.getUsername(), container.getPassword());
	}

	@Override
	public synchronized String kafkaBootstrapServers() {
		if (this.kafka == null) {
			KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
			container.start();
			this.kafka = container;
		}
		return this.kafka.getBootstrapServers();
	}

	@Override
	public synchronized String redisAddress() {
		if (this.redis == null) {
			GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
			container.start();
			this.redis = container;
		}
		return "redis://" + this.redis.getHost() + ":" + this.redis.getMappedPort(6379);
	}

}
