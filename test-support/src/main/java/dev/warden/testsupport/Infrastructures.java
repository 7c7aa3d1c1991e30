package dev.warden.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Chooses the infrastructure once per JVM. */
final class Infrastructures {

	private static final Logger log = LoggerFactory.getLogger(Infrastructures.class);

	static final String PROPERTY = "warden.test.infrastructure";

	private static volatile Infrastructure current;

	private Infrastructures() {
	}

	static Infrastructure current() {
		Infrastructure chosen = current;
		if (chosen == null) {
			synchronized (Infrastructures.class) {
				chosen = current;
				if (chosen == null) {
					chosen = choose();
					current = chosen;
				}
			}
		}
		return chosen;
	}

	private static Infrastructure choose() {
		String forced = System.getProperty(PROPERTY,
				System.getenv().getOrDefault("WARDEN_TEST_INFRASTRUCTURE", "auto"));
		boolean containers = switch (forced) {
			case "containers" -> true;
			case "embedded" -> false;
			default -> dockerAnswers();
		};
		log.info("Integration tests use {} infrastructure", containers ? "Testcontainers" : "embedded");
		return containers ? new ContainerInfrastructure() : new EmbeddedInfrastructure();
	}

	private static boolean dockerAnswers() {
		// Asking Testcontainers where no Docker socket exists only logs a frightening
		// error.
		String home = System.getProperty("user.home");
		boolean socket = System.getenv("DOCKER_HOST") != null
				|| java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
				|| java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
				|| java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
		if (!socket) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
