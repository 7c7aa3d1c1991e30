package dev.warden.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.embedded.Ports;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./warden start-times [runs]}: with the infrastructure up once, starts each
 * service alone, again and again, as a fat jar, as an extracted jar, and as an extracted
 * jar with its AOT cache, and prints the median time from process start to readiness.
 * docs/benchmarks.md quotes it.
 */
final class StartTimesCommand {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final Settings settings;

	private final Console console;

	private final String java;

	private final int runs;

	StartTimesCommand(Settings settings, Console console, String java, int runs) {
		this.settings = settings;
		this.console = console;
		this.java = java;
		this.runs = runs;
	}

	int run() throws InterruptedException {
		this.console.step("Starting infrastructure");
		try (LocalInfrastructure infrastructure = new LocalInfrastructure(this.settings, this.console)) {
			infrastructure.start(true);
			Secrets secrets = Secrets.loadOrCreate(this.settings.secretsFile());
			AotCache aot = new AotCache(this.settings, this.java);
			this.console.line("");
			this.console.line("| service | fat jar (s) | extracted (s) | extracted + AOT cache (s) | AOT ÷ fat jar |");
			this.console.line("|---|---|---|---|---|");
			for (ServiceSpec service : ServiceSpec.ALL) {
				ServiceInstance instance = new ServiceInstance(service, 0, Ports.free());
				Map<String, String> environment = ServiceCommand.environment(instance, this.settings, secrets);
				if (!aot.hasCache(service)) {
					aot.train(service, environment);
				}
				Path extracted = aot.extracted(service);
				double jar = median(instance, this.settings.serviceJar(service), null, environment);
				double plain = median(instance, extracted, null, environment);
				double cached = median(instance, extracted, aot.cacheFile(service), environment);
				this.console.line(String.format("| %s | %.2f | %.2f | %.2f | %.2f |", service.name(), jar, plain,
						cached, cached / jar));
			}
		}
		return 0;
	}

	private double median(ServiceInstance instance, Path jar, @Nullable Path cache, Map<String, String> environment)
			throws InterruptedException {
		List<Double> seconds = new ArrayList<>();
		for (int i = 0; i < this.runs; i++) {
			ServiceProcess process = ServiceProcess.start(instance, ServiceCommand.command(this.java, jar, cache),
					environment, this.settings.logs());
			Instant begin = Instant.now();
			try {
				while (!process.isReady()) {
					if (!process.isAlive() || Duration.between(begin, Instant.now()).compareTo(TIMEOUT) > 0) {
						throw new LauncherException(instance.name() + " did not start; see " + process.log());
					}
					Thread.sleep(50);
				}
				seconds.add(Duration.between(begin, Instant.now()).toMillis() / 1000.0);
			}
			finally {
				process.stop(Duration.ofSeconds(20));
			}
		}
		seconds.sort(Double::compare);
		return seconds.get(seconds.size() / 2);
	}

}
