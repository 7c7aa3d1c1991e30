package dev.warden.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.warden.embedded.Ports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the launcher as {@code ./warden} does, in a process of its own, with one real
 * service, and checks that Ctrl-C (SIGINT) and {@code ./warden down} leave nothing
 * running.
 */
class LauncherIntegrationTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@TempDir
	Path home;

	private final Map<String, String> environment = new HashMap<>();

	private int servicePort;

	private int postgresPort;

	@BeforeEach
	void freePorts() {
		assumeThat(ROOT.resolve("rules-service/target/rules-service.jar"))
			.as("rules-service must be packaged first (./mvnw verify does this)")
			.exists();
		this.servicePort = Ports.free();
		this.postgresPort = Ports.free();
		this.environment.put("WARDEN_HOME", this.home.toString());
		this.environment.put("WARDEN_RULES_SERVICE_PORT", Integer.toString(this.servicePort));
		this.environment.put("WARDEN_POSTGRES_PORT", Integer.toString(this.postgresPort));
		this.environment.put("WARDEN_KAFKA_PORT", Integer.toString(Ports.free()));
		this.environment.put("WARDEN_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
		this.environment.put("WARDEN_REDIS_PORT", Integer.toString(Ports.free()));
	}

	@Test
	void ctrlCStopsTheServiceAndTheInfrastructureAndLeavesNothingRunning() throws Exception {
		Launched launched = launch("up", "--only", "rules", "--no-aot");
		launched.awaitOutput("Warden is running", Duration.ofMinutes(4));
		assertThat(launched.output()).anyMatch((line) -> line.contains("rules-service") && line.contains("ready on"));
		assertThat(run("status")).isZero();
		long servicePid = serviceProcess().pid();
		OptionalLong postgresPid = LocalInfrastructure.postmasterPid(this.home.resolve("data/postgres"));
		assertThat(postgresPid).isPresent();

		// What the terminal sends on Ctrl-C.
		new ProcessBuilder("kill", "-INT", Long.toString(launched.process().pid())).start().waitFor();

		assertThat(launched.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(launched.output()).contains("Warden stopped.");
		assertNothingRunning(servicePid, postgresPid.getAsLong());
		assertThat(run("status")).isEqualTo(3);
	}

	@Test
	void downFromAnotherTerminalStopsARunningLauncher() throws Exception {
		Launched launched = launch("up", "--only", "rules", "--no-aot");
		launched.awaitOutput("Warden is running", Duration.ofMinutes(4));
		long servicePid = serviceProcess().pid();
		long postgresPid = LocalInfrastructure.postmasterPid(this.home.resolve("data/postgres")).orElseThrow();

		assertThat(run("down")).isZero();

		assertThat(launched.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertNothingRunning(servicePid, postgresPid);
		assertThat(this.home.resolve("state.properties")).doesNotExist();
	}

	private void assertNothingRunning(long servicePid, long postgresPid) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive))
				.isNotEqualTo(java.util.Optional.of(true));
			assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive))
				.isNotEqualTo(java.util.Optional.of(true));
			assertThat(Ports.inUse(this.servicePort)).isFalse();
			assertThat(Ports.inUse(this.postgresPort)).isFalse();
		});
	}

	private ProcessHandle serviceProcess() {
		StateFile state = StateFile.read(this.home.resolve("state.properties")).orElseThrow();
		return ProcessHandle.of(state.services().getFirst().pid()).orElseThrow();
	}

	private int run(String... arguments) throws Exception {
		Launched launched = launch(arguments);
		assertThat(launched.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
		return launched.process().exitValue();
	}

	private Launched launch(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dwarden.root=" + ROOT, "-cp", System.getProperty("java.class.path"), Warden.class.getName()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread.ofVirtual().start(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach(output::add);
			}
			catch (IOException ex) {
				// The process ended.
			}
		});
		return new Launched(process, output);
	}

	private record Launched(Process process, List<String> output) {

		void awaitOutput(String text, Duration timeout) {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(500))
				.failFast("The launcher exited before printing '" + text + "'", () -> {
					assertThat(this.process.isAlive())
						.as("launcher alive; it printed:%n%s", String.join("\n", this.output))
						.isTrue();
				})
				.until(() -> this.output.stream().anyMatch((line) -> line.contains(text)));
		}

	}

}
