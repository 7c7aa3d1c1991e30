package dev.warden.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AotCacheUnitTests {

	/**
	 * Stands in for {@code java}: extraction succeeds at once; a training run writes part
	 * of a cache, then starts a child that outlives it (as the JVM's cache-writing child
	 * does) and waits.
	 */
	private static final String FAKE_JAVA = """
			#!/bin/sh
			case "$*" in *jarmode=tools*) exit 0 ;; esac
			for arg in "$@"; do
			  case "$arg" in -XX:AOTCacheOutput=*) cache="${arg#-XX:AOTCacheOutput=}" ;; esac
			done
			echo partial > "$cache"
			sleep 120 &
			echo $! > "$(dirname "$cache")/child.pid"
			wait
			""";

	@TempDir
	Path root;

	@Test
	void aTrainingRunThatTimesOutIsKilledWithItsChildrenAndLeavesNoCache() throws Exception {
		Path java = this.root.resolve("fake-java");
		Files.writeString(java, FAKE_JAVA);
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
		ServiceSpec service = ServiceSpec.named("rules-service").orElseThrow();
		Settings settings = Settings.from(this.root, Map.of("WARDEN_HOME", this.root.resolve("home").toString()));
		Files.createDirectories(settings.serviceJar(service).getParent());
		Files.writeString(settings.serviceJar(service), "not really a jar");
		AotCache aot = new AotCache(settings, java.toString(), 2);

		assertThatExceptionOfType(LauncherException.class).isThrownBy(() -> aot.train(service, Map.of()))
			.withMessageStartingWith("Timed out");

		assertThat(aot.hasCache(service)).as("a cut-short training leaves no cache to start from").isFalse();
		long child = Long.parseLong(Files.readString(aot.cacheFile(service).resolveSibling("child.pid")).strip());
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
			.as("the training's child process is killed with it")
			.isFalse();
	}

}
