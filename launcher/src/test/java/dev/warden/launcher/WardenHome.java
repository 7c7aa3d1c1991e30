package dev.warden.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.warden.embedded.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A temporary {@code WARDEN_HOME} with free ports for every service the launcher tests
 * start and for the infrastructure, and the launcher run in it as {@code ./warden} runs
 * it: in a process of its own.
 */
final class WardenHome {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private final Path home;

	private final Map<String, String> environment = new HashMap<>();

	private final Map<String, Integer> servicePorts = new HashMap<>();

	private final int postgresPort = Ports.free();

	WardenHome(Path home) {
		this.home = home;
		this.environment.put("WARDEN_HOME", home.toString());
		for (String service : List.of("RULES")) {
			int port = Ports.free();
			this.servicePorts.put(service, port);
			this.environment.put("WARDEN_" + service + "_SERVICE_PORT", Integer.toString(port));
		}
		this.environment.put("WARDEN_POSTGRES_PORT", Integer.toString(this.postgresPort));
		this.environment.put("WARDEN_KAFKA_PORT", Integer.toString(Ports.free()));
		this.environment.put("WARDEN_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
		this.environment.put("WARDEN_REDIS_PORT", Integer.toString(Ports.free()));
	}

	/** The processes of the services, as the state file lists them. */
	List<ProcessHandle> serviceProcesses() {
		StateFile state = StateFile.read(this.home.resolve("state.properties")).orElseThrow();
		return state.services().stream().map((entry) -> ProcessHandle.of(entry.pid()).orElseThrow()).toList();
	}

	long postgresPid() {
		return LocalInfrastructure.postmasterPid(this.home.resolve("data/postgres")).orElseThrow();
	}

	/**
	 * Waits until the processes have exited and the service ports and PostgreSQL's are
	 * free again.
	 */
	void assertNothingRunning(List<Long> pids) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (long pid : pids) {
				assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process %d", pid)
					.isNotEqualTo(Optional.of(true));
			}
			for (Map.Entry<String, Integer> service : this.servicePorts.entrySet()) {
				assertThat(Ports.inUse(service.getValue())).as("%s's port", service.getKey()).isFalse();
			}
			assertThat(Ports.inUse(this.postgresPort)).as("PostgreSQL's port").isFalse();
		});
	}

	/** Runs a launcher command to its end and returns its exit code. */
	int run(String... arguments) throws Exception {
		Launched launched = launch(arguments);
		assertThat(launched.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
		return launched.process().exitValue();
	}

	Launched launch(String... arguments) throws IOException {
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

	/** A launcher process and what it printed so far. */
	record Launched(Process process, List<String> output) {

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
