package dev.warden.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.warden.embedded.EmbeddedServer;
import dev.warden.embedded.KafkaServer;
import dev.warden.embedded.PostgresServer;
import dev.warden.embedded.RedisServer;
import org.jspecify.annotations.Nullable;

/**
 * The embedded servers, in a temporary directory that is deleted with the JVM. They stop
 * in the reverse order of starting when the JVM exits.
 */
final class EmbeddedInfrastructure implements Infrastructure {

	private final Path directory;

	private final Deque<EmbeddedServer> started = new ArrayDeque<>();

	private @Nullable PostgresServer postgres;

	private @Nullable KafkaServer kafka;

	private @Nullable RedisServer redis;

	EmbeddedInfrastructure() {
		try {
			this.directory = Files.createTempDirectory("warden-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime()
			.addShutdownHook(Thread.ofPlatform().name("warden-test-infrastructure").unstarted(this::stopAll));
	}

	@Override
	public synchronized DatabaseDetails createDatabase(String name) {
		if (this.postgres == null) {
			System.setProperty("warden.postgres.fsync", "off");
			this.postgres = remember(PostgresServer.start(this.directory.resolve("postgres"), 0));
		}
		this.postgres.createDatabaseIfMissing(name);
		return new DatabaseDetails(this.postgres.jdbcUrl(name), PostgresServer.SUPERUSER, "");
	}

	@Override
	public synchronized String kafkaBootstrapServers() {
		if (this.kafka == null) {
			this.kafka = remember(KafkaServer.start(this.directory.resolve("kafka"), 0, 0));
		}
		return this.kafka.bootstrapServers();
	}

	@Override
	public synchronized String redisAddress() {
		if (this.redis == null) {
			this.redis = remember(RedisServer.start(null, 0));
		}
		return this.redis.address();
	}

	private <T extends EmbeddedServer> T remember(T server) {
		this.started.push(server);
		return server;
	}

	private synchronized void stopAll() {
		while (!this.started.isEmpty()) {
			try {
				this.started.pop().close();
			}
			catch (RuntimeException ex) {
				// Keep stopping the others; the JVM is exiting.
			}
		}
		deleteQuietly(this.directory);
	}

	private static void deleteQuietly(Path root) {
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

}
