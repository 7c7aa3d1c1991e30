package dev.warden.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root from the module's working directory. */
final class Repository {

	private Repository() {
	}

	static Path root() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			if (Files.exists(directory.resolve("docker-compose.yml")) && Files.exists(directory.resolve("mvnw"))) {
				return directory;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
	}

}
