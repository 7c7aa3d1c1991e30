package dev.warden.benchfloor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor is only a fair floor if it runs requests the way the services do: on virtual
 * threads, with the same connection pool.
 */
class FloorSettingsUnitTests {

	private static final Path PLATFORM_DEFAULTS = Path
		.of("../platform-starter/src/main/resources/META-INF/warden/platform-defaults.properties");

	private static final List<String> SHARED = List.of("spring.threads.virtual.enabled",
			"spring.datasource.hikari.maximum-pool-size", "spring.datasource.hikari.connection-timeout");

	@Test
	void runsRequestsWithTheThreadAndPoolSettingsOfEveryService() throws IOException {
		Properties platform = new Properties();
		try (Reader reader = Files.newBufferedReader(PLATFORM_DEFAULTS, StandardCharsets.UTF_8)) {
			platform.load(reader);
		}
		Properties floor = new Properties();
		try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/application.properties"))) {
			floor.load(in);
		}
		for (String key : SHARED) {
			assertThat(floor.getProperty(key)).as(key).isNotNull().isEqualTo(platform.getProperty(key));
		}
	}

}
