package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.warden.embedded.Ports;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./warden up}: starts the infrastructure, then every service as its own JVM,
 * shows progress until all are ready, prints how to use them, and stops everything in
 * order on Ctrl-C or {@code ./warden down}.
 */
final class UpCommand {

	private static final Duration STOP_GRACE = Duration.ofSeconds(25);

	private final Settings settings;

	private final UpOptions options;

	private final Console console;

	private final String java;

	private final List<ServiceProcess> processes = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private @Nullable LocalInfrastructure infrastructure;

	private @Nullable StateFile state;

	private volatile boolean stopping;

	UpCommand(Settings settings, UpOptions options, Console console, String java) {
		this.settings = settings;
		this.options = options;
		this.console = console;
		this.java = java;
	}

	int run() throws InterruptedException {
		Instant begin = ProcessHandle.current().info().startInstant().orElse(Instant.now());
		refuseSecondLauncher();
		List<ServiceInstance> instances = instances();
		requireJars();
		requireFreePorts(instances);
		if (this.options.fresh()) {
			this.console.step("Deleting all data (--fresh)");
			deleteQuietly(this.settings.data());
			deleteQuietly(this.settings.apps());
		}
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("warden-shutdown").unstarted(this::shutdown));

		this.console.step("Starting infrastructure");
		LocalInfrastructure local = new LocalInfrastructure(this.settings, this.console);
		this.infrastructure = local;
		local.start(instances.stream().anyMatch((instance) -> instance.service().usesRedis()));
		Secrets secrets = Secrets.loadOrCreate(this.settings.secretsFile());
		StateFile file = StateFile.create(this.settings.stateFile());
		file.launcher(ProcessHandle.current().pid());
		file.postgres(this.settings.postgresPort(), local.postgresPid());
		ProcessHandle.current().children().forEach((child) -> file.child("infra-" + child.pid(), child.pid()));
		this.state = file;
		file.save();

		AotCache aot = new AotCache(this.settings, this.java);
		if (this.options.aot()) {
			trainMissingCaches(aot, instances, secrets);
		}

		this.console.step("Starting " + instances.size() + " service processes (logs in "
				+ this.settings.root().relativize(this.settings.logs()) + "/)");
		for (ServiceInstance instance : instances) {
			ServiceSpec service = instance.service();
			Path jar = this.options.aot() ? aot.extracted(service) : this.settings.serviceJar(service);
			Path cache = (this.options.aot() && aot.hasCache(service)) ? aot.cacheFile(service) : null;
			ServiceProcess process = ServiceProcess.start(instance, ServiceCommand.command(this.java, jar, cache),
					ServiceCommand.environment(instance, this.settings, secrets, this.options::replicasOf),
					this.settings.logs());
			synchronized (this.processes) {
				this.processes.add(process);
			}
			file.service(instance, process.pid());
		}
		file.save();

		if (!awaitReady(instances)) {
			return 1;
		}
		Duration total = Duration.between(begin, Instant.now());
		printBanner(instances, secrets, total);
		if (this.options.exitWhenReady()) {
			this.console.line("READY_SECONDS=" + String.format("%.2f", total.toMillis() / 1000.0));
			printMemory();
			return 0;
		}
		watchUntilStopped();
		return 0;
	}

	private List<ServiceInstance> instances() {
		List<ServiceInstance> instances = new ArrayList<>();
		for (ServiceSpec service : this.options.services()) {
			for (int replica = 0; replica < this.options.replicasOf(service); replica++) {
				instances.add(new ServiceInstance(service, replica, this.settings.portOf(service, replica)));
			}
		}
		return instances;
	}

	private void refuseSecondLauncher() {
		StateFile.read(this.settings.stateFile()).ifPresent((existing) -> {
			long pid = existing.launcherPid().orElse(-1);
			if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				throw new LauncherException("Warden is already running (launcher pid " + pid
						+ "). Use ./warden status, or ./warden down to stop it.");
			}
			// A launcher that died left its children; clean up before starting again.
			DownCommand.killLeftovers(existing, this.console);
			existing.delete();
		});
	}

	private void requireJars() {
		List<String> missing = new ArrayList<>();
		for (ServiceSpec service : this.options.services()) {
			if (!Files.exists(this.settings.serviceJar(service))) {
				missing.add(this.settings.root().relativize(this.settings.serviceJar(service)).toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new LauncherException("Missing jars: " + String.join(", ", missing)
					+ ". Build them with ./mvnw -DskipTests package (./warden up does this when run from the script).");
		}
	}

	private void requireFreePorts(List<ServiceInstance> instances) {
		for (ServiceInstance instance : instances) {
			if (Ports.inUse(instance.port())) {
				throw new LauncherException(instance.name() + " cannot listen on port " + instance.port()
						+ ": something else uses it. Stop it, or choose another port with "
						+ instance.service().portVariable() + "=<port>.");
			}
		}
	}

	private void trainMissingCaches(AotCache aot, List<ServiceInstance> instances, Secrets secrets)
			throws InterruptedException {
		Set<ServiceSpec> untrained = new LinkedHashSet<>();
		for (ServiceInstance instance : instances) {
			if (!aot.hasCache(instance.service())) {
				untrained.add(instance.service());
			}
		}
		if (untrained.isEmpty()) {
			return;
		}
		this.console.step("Training AOT caches for " + untrained.size() + " services (only after a new build)");
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			Map<ServiceSpec, Future<?>> training = new LinkedHashMap<>();
			for (ServiceSpec service : untrained) {
				ServiceInstance first = new ServiceInstance(service, 0, Ports.free());
				training.put(service, pool
					.submit(() -> aot.train(service, ServiceCommand.environment(first, this.settings, secrets))));
			}
			for (Map.Entry<ServiceSpec, Future<?>> entry : training.entrySet()) {
				try {
					entry.getValue().get();
					this.console.ok("AOT cache for " + entry.getKey().name());
				}
				catch (ExecutionException ex) {
					this.console.fail("No AOT cache for " + entry.getKey().name()
							+ " (it starts without one; the next ./warden up trains it again): "
							+ ex.getCause().getMessage());
				}
			}
		}
	}

	private boolean awaitReady(List<ServiceInstance> instances) throws InterruptedException {
		Instant begin = Instant.now();
		Set<String> waiting = new LinkedHashSet<>(instances.stream().map(ServiceInstance::name).toList());
		Instant lastReport = Instant.now();
		while (!waiting.isEmpty()) {
			for (ServiceProcess process : snapshot()) {
				String name = process.instance().name();
				if (!waiting.contains(name)) {
					continue;
				}
				if (!process.isAlive()) {
					this.console.fail(name + " exited while starting. From " + process.log() + ":");
					StartupFailure.summarize(process.logLines()).forEach((line) -> this.console.line("      " + line));
					return false;
				}
				if (process.isReady()) {
					waiting.remove(name);
					this.console.ok(String.format("%-20s ready on http://localhost:%d  (%s)", name,
							process.instance().port(), Console.seconds(Duration.between(begin, Instant.now()))));
				}
			}
			if (Duration.between(begin, Instant.now()).compareTo(this.settings.readyTimeout()) > 0) {
				this.console.fail("Not ready after " + Console.seconds(this.settings.readyTimeout()) + ": " + waiting
						+ ". See their logs in " + this.settings.logs()
						+ " (WARDEN_READY_TIMEOUT_SECONDS waits longer)");
				return false;
			}
			if (!waiting.isEmpty() && Duration.between(lastReport, Instant.now()).toSeconds() >= 5) {
				lastReport = Instant.now();
				this.console.waiting("waiting for " + String.join(", ", waiting) + " ("
						+ Console.seconds(Duration.between(begin, Instant.now())) + ")");
			}
			Thread.sleep(250);
		}
		return true;
	}

	private void printBanner(List<ServiceInstance> instances, Secrets secrets, Duration total) {
		int gateway = this.settings.portOf(ServiceSpec.named("gateway-service").orElseThrow(), 0);
		this.console.line("");
		this.console.line(this.console.bold("Warden is running") + " — all " + instances.size() + " services ready in "
				+ Console.seconds(total) + ".");
		this.console.line("");
		boolean withGateway = instances.stream()
			.anyMatch((instance) -> instance.service().name().equals("gateway-service"));
		if (withGateway) {
			this.console.line("  " + this.console.bold("Warden: http://localhost:" + gateway)
					+ "   (the gateway, the only door for clients)");
			this.console.line("  API page:  http://localhost:" + gateway + "/docs");
		}
		else {
			this.console.line("  No gateway in this run: call the services directly.");
		}
		this.console.line("");
		this.console.line(withGateway ? "  Services behind it (direct, for debugging):" : "  Services:");
		for (ServiceInstance instance : instances) {
			if (instance.service().name().equals("gateway-service")) {
				continue;
			}
			this.console.line(String.format("  %-20s http://localhost:%d/swagger-ui.html   %s", instance.name(),
					instance.port(), instance.service().summary()));
		}
		this.console.line("");
		this.console.line("  Demo users (local profile only):");
		this.console
			.line("    superuser  ADMIN   password " + secrets.demoAdminPassword() + "   API key admin-secret-key");
		this.console
			.line("    johndoe    MEMBER  password " + secrets.demoMemberPassword() + "   API key member-secret-key");
		this.console.line("");
		int auth = this.settings.portOf(ServiceSpec.named("auth-service").orElseThrow(), 0);
		int signIn = withGateway ? gateway : auth;
		this.console.line(withGateway ? "  Sign in through the gateway:" : "  Sign in (at auth-service):");
		this.console.line("    curl -s -X POST http://localhost:" + signIn + "/api/v1/auth/token \\");
		this.console.line("         -d grant_type=password -d username=superuser -d 'password="
				+ secrets.demoAdminPassword() + "'");
		this.console.line("");
		this.console.line("  Infrastructure: PostgreSQL localhost:" + this.settings.postgresPort() + " (user postgres)"
				+ ", Kafka localhost:" + this.settings.kafkaPort() + ", Redis localhost:" + this.settings.redisPort());
		this.console.line("  Data: " + this.settings.data() + "   Logs: " + this.settings.logs());
		this.console.line("  ./warden status · ./warden logs SERVICE · ./warden down (or Ctrl-C here)");
	}

	private void printMemory() {
		for (ServiceProcess process : snapshot()) {
			this.console
				.line("RSS_MB " + process.instance().name() + " " + StatusCommand.residentMegabytes(process.pid()));
		}
	}

	private void watchUntilStopped() throws InterruptedException {
		Set<String> reportedDead = new LinkedHashSet<>();
		while (!this.stopping) {
			for (ServiceProcess process : snapshot()) {
				if (!process.isAlive() && reportedDead.add(process.instance().name())) {
					this.console.fail(process.instance().name() + " stopped unexpectedly; see " + process.log());
				}
			}
			if (this.stopped.await(2, TimeUnit.SECONDS)) {
				return;
			}
		}
	}

	/**
	 * Stops the services, then the infrastructure; runs on Ctrl-C, SIGTERM or a normal
	 * exit.
	 */
	private void shutdown() {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		List<ServiceProcess> running = snapshot();
		if (!running.isEmpty()) {
			this.console.step("Stopping " + running.size() + " services");
		}
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (ServiceProcess process : running) {
				pool.submit(() -> process.stop(STOP_GRACE));
			}
		}
		if (this.infrastructure != null) {
			this.console.step("Stopping Redis, Kafka and PostgreSQL");
			this.infrastructure.close();
		}
		if (this.state != null) {
			this.state.delete();
		}
		this.console.line("Warden stopped.");
		this.stopped.countDown();
	}

	private List<ServiceProcess> snapshot() {
		synchronized (this.processes) {
			return List.copyOf(this.processes);
		}
	}

	private static void deleteQuietly(Path directory) {
		try {
			AotCache.deleteRecursively(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + directory, ex);
		}
	}

}
