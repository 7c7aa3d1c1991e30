package dev.warden.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

	/**
	 * The main flow across real processes: auth-service signs the member in,
	 * command-service asks rules-service (with a service token from auth-service) and
	 * runs what the default pack allows in the local sandbox, and refuses what it blocks.
	 */
	@Test
	void runsAMemberCommandThroughAuthRulesAndCommandServices() throws Exception {
		assumeThat(ROOT.resolve("command-service/target/command-service.jar")).exists();
		assumeThat(ROOT.resolve("auth-service/target/auth-service.jar")).exists();
		int authPort = Ports.free();
		int commandPort = Ports.free();
		this.environment.put("WARDEN_AUTH_SERVICE_PORT", Integer.toString(authPort));
		this.environment.put("WARDEN_COMMAND_SERVICE_PORT", Integer.toString(commandPort));
		Launched launched = launch("up", "--only", "auth,rules,command", "--no-aot");
		try {
			launched.awaitOutput("Warden is running", Duration.ofMinutes(6));
			java.util.Properties secrets = new java.util.Properties();
			try (var in = Files.newInputStream(this.home.resolve("data/secrets.properties"))) {
				secrets.load(in);
			}
			HttpClient http = HttpClient.newHttpClient();
			String form = "grant_type=password&username=johndoe&password="
					+ URLEncoder.encode(secrets.getProperty("demo.member.password"), StandardCharsets.UTF_8);
			HttpResponse<String> signedIn = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + authPort + "/api/v1/auth/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).isEqualTo(200);
			String token = signedIn.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

			HttpResponse<String> ran = submit(http, commandPort, token, "echo journey");
			assertThat(ran.statusCode()).as(ran.body()).isEqualTo(201);
			assertThat(ran.body()).contains("\"status\":\"SUCCEEDED\"", "\"stdout\":\"journey\\n\"",
					"\"settlement\":\"CHARGED\"");

			HttpResponse<String> blocked = submit(http, commandPort, token, "rm -rf /");
			assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(403);
			assertThat(blocked.body()).contains("command-blocked");
		}
		finally {
			run("down");
			launched.process().waitFor(1, TimeUnit.MINUTES);
		}
	}

	private static HttpResponse<String> submit(HttpClient http, int port, String token, String command)
			throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/commands"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"" + command + "\", \"target\": \"local\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
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
