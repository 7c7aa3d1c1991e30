package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JDK 25 ahead-of-time cache per service (JEP 483 and 514): the jar is extracted so
 * that the class path is made of plain jars, a training run records what start-up loads
 * and links, and later runs start from the cache. The cache is remade whenever the
 * service's jar changes.
 */
final class AotCache {

	/** Long enough for two trainings side by side on a busy two-core machine. */
	private static final int TRAINING_TIMEOUT_SECONDS = 300;

	private final Settings settings;

	private final String java;

	private final int trainingTimeoutSeconds;

	AotCache(Settings settings, String java) {
		this(settings, java, TRAINING_TIMEOUT_SECONDS);
	}

	AotCache(Settings settings, String java, int trainingTimeoutSeconds) {
		this.settings = settings;
		this.java = java;
		this.trainingTimeoutSeconds = trainingTimeoutSeconds;
	}

	/**
	 * Extracts the service's jar, unless the extraction is of this very jar already.
	 * @param service the service
	 * @return the extracted application jar to run
	 */
	Path extracted(ServiceSpec service) {
		Path jar = this.settings.serviceJar(service);
		Path directory = this.settings.apps().resolve(service.name());
		Path stamp = directory.resolve(".source");
		try {
			String source = jar.toAbsolutePath() + " " + Files.size(jar) + " "
					+ Files.getLastModifiedTime(jar).toMillis();
			if (!Files.exists(stamp) || !Files.readString(stamp).equals(source)) {
				deleteRecursively(directory);
				Files.createDirectories(directory);
				run(List.of(this.java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
						directory.toString(), "--force"), Map.of(), directory.resolve("extract.log"), 120);
				Files.writeString(stamp, source);
			}
			return directory.resolve(service.name() + ".jar");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract " + jar, ex);
		}
	}

	Path cacheFile(ServiceSpec service) {
		return this.settings.apps().resolve(service.name()).resolve(service.name() + ".aot");
	}

	boolean hasCache(ServiceSpec service) {
		return Files.exists(cacheFile(service));
	}

	/**
	 * Trains the cache: starts the service until its context is refreshed, then lets the
	 * JVM write what it learned.
	 * @param service the service
	 * @param environment the environment a real start gets
	 */
	void train(ServiceSpec service, Map<String, String> environment) {
		Path jar = extracted(service);
		List<String> command = new ArrayList<>(
				List.of(this.java, "-XX:AOTCacheOutput=" + cacheFile(service), "-Dspring.context.exit=onRefresh"));
		command.addAll(ServiceCommand.jvmOptions());
		command.addAll(List.of("-jar", jar.toString()));
		try {
			run(command, environment, this.settings.logs().resolve(service.name() + ".aot-training.log"),
					this.trainingTimeoutSeconds);
		}
		catch (LauncherException ex) {
			// Whatever a failed or cut-short training left behind is not a cache to start
			// from, and its presence would stop the next ./warden up from training again.
			discard(service);
			throw ex;
		}
		if (!hasCache(service)) {
			throw new LauncherException("The AOT training run of " + service.name() + " made no cache; see "
					+ this.settings.logs().resolve(service.name() + ".aot-training.log"));
		}
	}

	private static void run(List<String> command, Map<String, String> environment, Path log, int timeoutSeconds) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				// The training JVM writes the cache in a child JVM it starts at exit:
				// killing only the parent would leave that child running, competing with
				// the services for the CPU and writing a cache after we reported none.
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
				throw new LauncherException("Timed out: " + String.join(" ", command) + " (see " + log + ")");
			}
			if (process.exitValue() != 0) {
				throw new LauncherException("Failed: " + String.join(" ", command) + " (see " + log + ")");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LauncherException("Interrupted");
		}
	}

	private void discard(ServiceSpec service) {
		Path cache = cacheFile(service);
		try {
			Files.deleteIfExists(cache);
			Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + ".config"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + cache, ex);
		}
	}

	static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
