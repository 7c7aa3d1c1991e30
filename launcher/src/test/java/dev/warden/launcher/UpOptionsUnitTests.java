package dev.warden.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UpOptionsUnitTests {

	@Test
	void parsesReplicasOnlyAndFlags() {
		UpOptions options = UpOptions.parse(List.of("--fresh", "--replicas", "command=2,gateway-service=3",
				"--only=auth,command-service,gateway", "--exit-when-ready"));

		assertThat(options.fresh()).isTrue();
		assertThat(options.exitWhenReady()).isTrue();
		assertThat(options.services()).extracting(ServiceSpec::name)
			.containsExactly("auth-service", "command-service", "gateway-service");
		assertThat(options.replicasOf(ServiceSpec.named("command").orElseThrow())).isEqualTo(2);
		assertThat(options.replicasOf(ServiceSpec.named("gateway").orElseThrow())).isEqualTo(3);
		assertThat(options.replicasOf(ServiceSpec.named("auth").orElseThrow())).isEqualTo(1);
	}

	@Test
	void runsEveryServiceOnceByDefault() {
		UpOptions options = UpOptions.parse(List.of());

		assertThat(options.services()).hasSize(7);
		assertThat(options.fresh()).isFalse();
		assertThat(options.aot()).isEqualTo(UpOptions.AOT_BY_DEFAULT);
	}

	@Test
	void explainsWhatIsWrongWithAnOption() {
		assertThatExceptionOfType(LauncherException.class).isThrownBy(() -> UpOptions.parse(List.of("--replicas=x=2")))
			.withMessageContaining("No service called 'x'");
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> UpOptions.parse(List.of("--replicas", "auth=0")))
			.withMessageContaining("1 to 9");
		assertThatExceptionOfType(LauncherException.class).isThrownBy(() -> UpOptions.parse(List.of("--bogus")))
			.withMessageContaining("Unknown option");
	}

}
