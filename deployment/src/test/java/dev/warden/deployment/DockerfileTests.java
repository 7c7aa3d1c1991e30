package dev.warden.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Dockerfile: multi-stage, a JDK 25 runtime, Spring Boot's layers, an AOT cache,
 * and an unprivileged user. Without a Docker engine the file is read, not built.
 */
class DockerfileTests {

	private static List<String> lines;

	@BeforeAll
	static void read() throws IOException {
		lines = Files.readAllLines(Repository.root().resolve("Dockerfile"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	@Test
	void buildsInStagesAndRunsOnAJava25Runtime() {
		assertThat(lines).contains("ARG JAVA_VERSION=25");
		List<String> stages = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		assertThat(stages.getLast()).startsWith("FROM eclipse-temurin:${JAVA_VERSION}-jre");
		assertThat(lines).anyMatch((line) -> line.contains("./mvnw") && line.contains("-pl \"${SERVICE}\""));
	}

	@Test
	void copiesTheLayersDependenciesFirstAndTrainsAnAotCache() {
		assertThat(lines).anyMatch((line) -> line.contains("-Djarmode=tools") && line.contains("extract --layers"));
		List<String> copies = lines.stream().filter((line) -> line.startsWith("COPY --from=layers")).toList();
		assertThat(copies).hasSize(4);
		assertThat(copies.getFirst()).contains("dependencies");
		assertThat(copies.getLast()).contains("application");
		assertThat(lines).anyMatch((line) -> line.contains("-XX:AOTCacheOutput="));
		assertThat(lines.getLast()).startsWith("ENTRYPOINT").contains("-XX:AOTCache=");
	}

	@Test
	void runsAsAnUnprivilegedUser() {
		List<String> users = lines.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).hasSize(1);
		assertThat(users.getFirst()).doesNotContain("root").matches("USER [1-9][0-9]{3,}(:[1-9][0-9]{3,})?");
		// Nothing runs as root after the switch.
		assertThat(lines.subList(lines.indexOf(users.getFirst()), lines.size()))
			.noneMatch((line) -> line.startsWith("RUN "));
	}

}
