package dev.warden.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service running as its own JVM, with its output in {@code .warden/logs/<name>.log}.
 */
final class ServiceProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ServiceInstance instance;

	private final Process process;

	private final Path log;

	private ServiceProcess(ServiceInstance instance, Process process, Path log) {
		this.instance = instance;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(ServiceInstance instance, List<String> command, Map<String, String> environment,
			Path logs) {
		try {
			Files.createDirectories(logs);
			Path log = logs.resolve(instance.name() + ".log");
			if (Files.exists(log)) {
				Files.move(log, logs.resolve(instance.name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
			}
			List<String> full = new ArrayList<>();
			// A session of its own keeps Ctrl-C in the terminal from reaching the service
			// before the launcher stops it in order.
			if (new File("/usr/bin/setsid").canExecute()) {
				full.add("/usr/bin/setsid");
			}
			full.addAll(command);
			ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return new ServiceProcess(instance, builder.start(), log);
		}
		catch (IOException ex) {
			throw new LauncherException("Could not start " + instance.name() + ": " + ex.getMessage(), ex);
		}
	}

	ServiceInstance instance() {
		return this.instance;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	boolean isReady() {
		return readiness(this.instance.port()) == Readiness.READY;
	}

	/**
	 * Asks the service to stop, waits for it, and kills it if it does not stop in time.
	 */
	void stop(Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	List<String> logLines() {
		try {
			return Files.readAllLines(this.log);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/** What a service's readiness endpoint says. */
	enum Readiness {

		/** It answered UP. */
		READY,

		/** It answered, but not UP. */
		NOT_READY,

		/** Nothing answered. */
		UNREACHABLE

	}

	static Readiness readiness(int port) {
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(3))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200 && response.body().contains("\"UP\"")) ? Readiness.READY
					: Readiness.NOT_READY;
		}
		catch (IOException ex) {
			return Readiness.UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Readiness.UNREACHABLE;
		}
	}

}
