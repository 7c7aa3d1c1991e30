package dev.warden.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

import dev.warden.embedded.EmbeddedServer;
import dev.warden.embedded.KafkaServer;
import dev.warden.embedded.Ports;
import dev.warden.embedded.PostgresServer;
import dev.warden.embedded.RedisServer;

/**
 * PostgreSQL, Kafka and Redis for the local suite, with their data under
 * {@code .warden/data}.
 */
final class LocalInfrastructure implements AutoCloseable {

	private final Settings settings;

	private final Console console;

	private final Deque<EmbeddedServer> started = new ArrayDeque<>();

	LocalInfrastructure(Settings settings, Console console) {
		this.settings = settings;
		this.console = console;
	}

	void start(boolean needsRedis) {
		requireFree("PostgreSQL", this.settings.postgresPort(), "WARDEN_POSTGRES_PORT");
		requireFree("Kafka", this.settings.kafkaPort(), "WARDEN_KAFKA_PORT");
		requireFree("Kafka's controller", this.settings.kafkaControllerPort(), "WARDEN_KAFKA_CONTROLLER_PORT");
		if (needsRedis) {
			requireFree("Redis", this.settings.redisPort(), "WARDEN_REDIS_PORT");
		}

		Instant begin = Instant.now();
		PostgresServer postgres = PostgresServer.start(this.settings.data().resolve("postgres"),
				this.settings.postgresPort());
		this.started.push(postgres);
		for (ServiceSpec service : ServiceSpec.ALL) {
			postgres.createDatabaseIfMissing(service.database());
		}
		this.console.ok("PostgreSQL 17 on port " + postgres.port() + " (" + Console.seconds(since(begin)) + ")");

		begin = Instant.now();
		KafkaServer kafka = KafkaServer.start(this.settings.data().resolve("kafka"), this.settings.kafkaPort(),
				this.settings.kafkaControllerPort());
		this.started.push(kafka);
		this.console.ok("Kafka (KRaft) on port " + kafka.port() + " (" + Console.seconds(since(begin)) + ")");

		if (needsRedis) {
			begin = Instant.now();
			RedisServer redis = RedisServer.start(this.settings.data().resolve("redis"), this.settings.redisPort());
			this.started.push(redis);
			this.console.ok("Redis on port " + redis.port() + " (" + Console.seconds(since(begin)) + ")");
		}
	}

	/**
	 * Returns the process id of the PostgreSQL server, from its lock file.
	 * @return the pid, if PostgreSQL runs
	 */
	OptionalLong postgresPid() {
		return postmasterPid(this.settings.data().resolve("postgres"));
	}

	static OptionalLong postmasterPid(Path dataDirectory) {
		try {
			Path lock = dataDirectory.resolve("postmaster.pid");
			if (!Files.exists(lock)) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(Long.parseLong(Files.readAllLines(lock).getFirst().trim()));
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	@Override
	public void close() {
		while (!this.started.isEmpty()) {
			EmbeddedServer server = this.started.pop();
			try {
				server.close();
			}
			catch (RuntimeException ex) {
				this.console.fail(server.name() + " did not stop cleanly: " + ex.getMessage());
			}
		}
	}

	private static void requireFree(String what, int port, String variable) {
		if (Ports.inUse(port)) {
			throw new LauncherException(what + " cannot listen on port " + port
					+ ": something else uses it. Stop it, or choose another port with " + variable + "=<port>.");
		}
	}

	private static Duration since(Instant begin) {
		return Duration.between(begin, Instant.now());
	}

}
