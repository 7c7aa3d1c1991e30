package dev.warden.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the launcher keeps things and which ports it uses. Every port has a documented
 * default and an environment variable that overrides it.
 *
 * @param root the repository root (where {@code ./warden} lives)
 * @param home the state directory, {@code .warden/} unless {@code WARDEN_HOME} says
 * otherwise
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort Kafka's client port
 * @param kafkaControllerPort Kafka's KRaft controller port
 * @param redisPort Redis's port
 * @param servicePorts each service's first port; replica n listens on this plus 100 × n
 * @param readyTimeout how long {@code up} waits for every service to be ready before it
 * gives up and stops everything ({@code WARDEN_READY_TIMEOUT_SECONDS}, 300 by default:
 * many replicas on a small machine start slowly)
 */
record Settings(Path root, Path home, int postgresPort, int kafkaPort, int kafkaControllerPort, int redisPort,
		Map<String, Integer> servicePorts, Duration readyTimeout) {

	static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);

	static final int DEFAULT_POSTGRES_PORT = 15432;

	static final int DEFAULT_KAFKA_PORT = 19092;

	static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

	static final int DEFAULT_REDIS_PORT = 16379;

	/** Replica n of a service listens on its port plus this times n. */
	static final int REPLICA_PORT_STEP = 100;

	static Settings from(Path root, Map<String, String> environment) {
		Path home = environment.containsKey("WARDEN_HOME") ? Path.of(environment.get("WARDEN_HOME"))
				: root.resolve(".warden");
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (ServiceSpec service : ServiceSpec.ALL) {
			ports.put(service.name(), port(environment, service.portVariable(), service.defaultPort()));
		}
		return new Settings(root.toAbsolutePath(), home.toAbsolutePath(),
				port(environment, "WARDEN_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
				port(environment, "WARDEN_KAFKA_PORT", DEFAULT_KAFKA_PORT),
				port(environment, "WARDEN_KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT),
				port(environment, "WARDEN_REDIS_PORT", DEFAULT_REDIS_PORT), Map.copyOf(ports),
				readyTimeout(environment));
	}

	private static Duration readyTimeout(Map<String, String> environment) {
		String value = environment.get("WARDEN_READY_TIMEOUT_SECONDS");
		if (value == null || value.isBlank()) {
			return DEFAULT_READY_TIMEOUT;
		}
		try {
			int seconds = Integer.parseInt(value.trim());
			if (seconds < 1) {
				throw new NumberFormatException();
			}
			return Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException ex) {
			throw new LauncherException(
					"WARDEN_READY_TIMEOUT_SECONDS must be a whole number of seconds, at least 1, not '" + value + "'");
		}
	}

	int portOf(ServiceSpec service, int replica) {
		return this.servicePorts.get(service.name()) + REPLICA_PORT_STEP * replica;
	}

	Path data() {
		return this.home.resolve("data");
	}

	Path logs() {
		return this.home.resolve("logs");
	}

	Path apps() {
		return this.home.resolve("app");
	}

	Path stateFile() {
		return this.home.resolve("state.properties");
	}

	Path secretsFile() {
		return this.data().resolve("secrets.properties");
	}

	Path serviceJar(ServiceSpec service) {
		return this.root.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
	}

	private static int port(Map<String, String> environment, String variable, int fallback) {
		String value = environment.get(variable);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new LauncherException(variable + " must be a port number between 1 and 65535, not '" + value + "'");
		}
	}

}
