package dev.warden.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingsUnitTests {

	@Test
	void usesTheDocumentedPortsUnlessTheEnvironmentOverridesThem() {
		Settings settings = Settings.from(Path.of("/repo"),
				Map.of("WARDEN_GATEWAY_SERVICE_PORT", "9080", "WARDEN_POSTGRES_PORT", "25432"));

		ServiceSpec gateway = ServiceSpec.named("gateway").orElseThrow();
		ServiceSpec auth = ServiceSpec.named("auth").orElseThrow();
		assertThat(settings.portOf(gateway, 0)).isEqualTo(9080);
		assertThat(settings.portOf(gateway, 1)).isEqualTo(9180);
		assertThat(settings.portOf(auth, 0)).isEqualTo(8081);
		assertThat(settings.postgresPort()).isEqualTo(25432);
		assertThat(settings.kafkaPort()).isEqualTo(Settings.DEFAULT_KAFKA_PORT);
		assertThat(settings.home()).isEqualTo(Path.of("/repo/.warden"));
	}

	@Test
	void refusesAPortThatIsNotANumber() {
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> Settings.from(Path.of("/repo"), Map.of("WARDEN_REDIS_PORT", "redis")))
			.withMessageContaining("WARDEN_REDIS_PORT");
	}

	@Test
	void waitsFiveMinutesForTheServicesUnlessTheEnvironmentSaysOtherwise() {
		assertThat(Settings.from(Path.of("/repo"), Map.of()).readyTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(Settings.from(Path.of("/repo"), Map.of("WARDEN_READY_TIMEOUT_SECONDS", "600")).readyTimeout())
			.isEqualTo(Duration.ofMinutes(10));
		for (String wrong : List.of("0", "-5", "ten", "1.5")) {
			assertThatExceptionOfType(LauncherException.class)
				.isThrownBy(() -> Settings.from(Path.of("/repo"), Map.of("WARDEN_READY_TIMEOUT_SECONDS", wrong)))
				.withMessageContaining("WARDEN_READY_TIMEOUT_SECONDS");
		}
	}

	@Test
	void givesEveryServiceADistinctPortAndDatabase() {
		assertThat(ServiceSpec.ALL).extracting(ServiceSpec::defaultPort).doesNotHaveDuplicates();
		assertThat(ServiceSpec.ALL).extracting(ServiceSpec::database).doesNotHaveDuplicates();
	}

}
