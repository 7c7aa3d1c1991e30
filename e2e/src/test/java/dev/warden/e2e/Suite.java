package dev.warden.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running suite: started once for all journeys, exactly as {@code ./warden up} starts
 * it (the launcher in a process of its own, each service a process, embedded PostgreSQL,
 * Kafka and Redis, the local profile's demo users), on free ports in a temporary
 * {@code WARDEN_HOME}, and stopped with {@code ./warden down} when every test has run.
 * Tests reach it only through the gateway ({@link #edge()}).
 */
final class Suite implements ExtensionContext.Store.CloseableResource {

	/** The services the journeys need: the five core services. */
	static final String SERVICES = "auth,rules,command,audit,gateway";

	/**
	 * Two copies of command-service and of the gateway, so that every journey crosses
	 * replicas as a scaled deployment does, and {@link ReplicasIntegrationTests} checks
	 * what only replicas can show, on the same suite: one start instead of two.
	 */
	static final String REPLICAS = "command-service=2,gateway-service=2";

	/**
	 * Replica n of a service listens on its port plus this times n (the launcher's rule).
	 */
	static final int REPLICA_PORT_STEP = 100;

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** How long the launcher may take to get every service ready. */
	private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

	private final Path home;

	private final Map<String, String> environment = new HashMap<>();

	private final Process launcher;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final int gatewayPort;

	private final Properties secrets = new Properties();

	private final Map<String, Integer> servicePorts = new HashMap<>();

	/**
	 * Starts the suite: {@link #SERVICES}, with {@link #REPLICAS}.
	 * @throws IOException if the temporary home cannot be made
	 */
	private Suite() throws IOException {
		assertThat(ROOT.resolve("launcher/target/warden-launcher.jar")).as("the launcher must be packaged first")
			.exists();
		for (String service : SERVICES.split(",")) {
			assertThat(ROOT.resolve(service + "-service/target/" + service + "-service.jar"))
				.as("the services must be packaged first (./mvnw verify does this)")
				.exists();
		}
		this.home = Files.createTempDirectory("warden-e2e");
		this.gatewayPort = freePort();
		this.environment.put("WARDEN_HOME", this.home.toString());
		this.environment.put("WARDEN_GATEWAY_SERVICE_PORT", Integer.toString(this.gatewayPort));
		for (String service : List.of("AUTH", "COMMAND", "RULES", "AUDIT", "LLM_PROXY", "TERMINAL")) {
			int port = freePort();
			this.servicePorts.put(service, port);
			this.environment.put("WARDEN_" + service + "_SERVICE_PORT", Integer.toString(port));
		}
		for (String port : List.of("POSTGRES", "KAFKA", "KAFKA_CONTROLLER", "REDIS")) {
			this.environment.put("WARDEN_" + port + "_PORT", Integer.toString(freePort()));
		}
		// The journeys sign in and register more often than a person would within a
		// minute from one address; the per-address limit itself is tested in
		// gateway-service.
		this.environment.put("WARDEN_GATEWAY_RATELIMITS_ANONYMOUSAUTH_LIMIT", "1000");
		this.environment.put("WARDEN_GATEWAY_RATELIMITS_TIERS_FREE_AUTH_LIMIT", "1000");
		this.environment.put("WARDEN_GATEWAY_RATELIMITS_TIERS_ENTERPRISE_AUTH_LIMIT", "1000");
		// Six service JVMs starting at once on two busy cores have taken over five
		// minutes (each service 260-290 s in one CI run); the launcher's default wait is
		// five.
		this.environment.put("WARDEN_READY_TIMEOUT_SECONDS", Long.toString(READY_TIMEOUT.toSeconds()));
		// The services run for a few minutes of journeys, not long enough for C2 to
		// pay off: on C1 only, seven of them started in 310 s instead of 393 s, with
		// 23 % less CPU, on two cores (docs/benchmarks.md).
		this.environment.put("WARDEN_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
		this.launcher = launch("up", "--only", SERVICES, "--replicas", REPLICAS, "--no-aot");
		await().atMost(READY_TIMEOUT.plusMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.failFast("the launcher stopped",
					() -> assertThat(this.launcher.isAlive())
						.as("launcher alive; it printed:%n%s", String.join("\n", this.output))
						.isTrue())
			.until(() -> this.output.stream().anyMatch((line) -> line.contains("Warden is running")));
		try (InputStream in = Files.newInputStream(this.home.resolve("data/secrets.properties"))) {
			this.secrets.load(in);
		}
	}

	/** The suite of this test run, started by the first test that asks for it. */
	static Suite get(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(Suite.class, (key) -> {
				try {
					return new Suite();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, Suite.class);
	}

	/** A client of the gateway, the only way in. */
	Edge edge() {
		return new Edge(this.gatewayPort);
	}

	int gatewayPort() {
		return this.gatewayPort;
	}

	/**
	 * Where a copy of a service listens, for the few checks that look inside (metrics);
	 * the journeys themselves use the gateway only.
	 * @param service {@code COMMAND}, {@code AUTH}, ...
	 * @param replica 0 for the first copy
	 * @return the port
	 */
	int servicePort(String service, int replica) {
		return this.servicePorts.get(service) + REPLICA_PORT_STEP * replica;
	}

	String adminPassword() {
		return this.secrets.getProperty("demo.admin.password");
	}

	String memberPassword() {
		return this.secrets.getProperty("demo.member.password");
	}

	/**
	 * The processes {@code ./warden up} recorded in its state file, by key: the launcher,
	 * PostgreSQL's postmaster, each copy of each service ({@code service.<name>.pid}) and
	 * any other child.
	 * @return process ids by state-file key
	 * @throws IOException if the state file cannot be read
	 */
	Map<String, Long> recordedProcesses() throws IOException {
		Properties state = new Properties();
		try (InputStream in = Files.newInputStream(stateFile())) {
			state.load(in);
		}
		Map<String, Long> pids = new HashMap<>();
		state.stringPropertyNames()
			.stream()
			.filter((key) -> key.endsWith(".pid"))
			.forEach((key) -> pids.put(key, Long.parseLong(state.getProperty(key).strip())));
		return pids;
	}

	Path stateFile() {
		return this.home.resolve("state.properties");
	}

	/**
	 * Runs {@code ./warden down} as from another terminal and waits for it and for the
	 * launcher it stops.
	 * @return the exit code of {@code ./warden down}
	 * @throws Exception if either does not end within two minutes
	 */
	int down() throws Exception {
		Process down = launch("down");
		assertThat(down.waitFor(2, TimeUnit.MINUTES)).as("./warden down ended").isTrue();
		assertThat(this.launcher.waitFor(2, TimeUnit.MINUTES))
			.as("the launcher stopped; it printed:%n%s", String.join("\n", this.output))
			.isTrue();
		return down.exitValue();
	}

	@Override
	public void close() throws Exception {
		boolean stopped = !this.launcher.isAlive();
		if (!stopped) {
			Process down = launch("down");
			down.waitFor(2, TimeUnit.MINUTES);
			this.launcher.waitFor(2, TimeUnit.MINUTES);
			stopped = !down.isAlive() && down.exitValue() == 0;
		}
		if (this.launcher.isAlive()) {
			this.launcher.destroyForcibly();
			stopped = false;
		}
		// The databases and logs of a passing run are of no further use; a failing run's
		// are kept for a look.
		if (stopped) {
			try (java.util.stream.Stream<Path> files = Files.walk(this.home)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private Process launch(String... arguments) throws IOException {
		// As ./warden runs it: the launcher's jar, on this JDK.
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"--sun-misc-unsafe-memory-access=allow", "-Dwarden.root=" + ROOT, "-jar",
				ROOT.resolve("launcher/target/warden-launcher.jar").toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		Thread.ofVirtual().start(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach(this.output::add);
			}
			catch (IOException ex) {
				// The process ended.
			}
		});
		return process;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Hands the suite to tests: {@code @ExtendWith(Suite.Extension.class)} and a
	 * {@code Suite} parameter.
	 */
	static final class Extension implements BeforeAllCallback, ParameterResolver {

		@Override
		public void beforeAll(ExtensionContext context) {
			get(context);
		}

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == Suite.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return get(context);
		}

	}

}
