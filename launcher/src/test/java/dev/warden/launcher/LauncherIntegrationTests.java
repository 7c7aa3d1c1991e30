package dev.warden.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.warden.launcher.WardenHome.Launched;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs the launcher as {@code ./warden} does, in a process of its own, with one real
 * service, and checks that Ctrl-C (SIGINT) leaves nothing running. ({@code ./warden down}
 * from another terminal is checked at the end of the e2e module's replicated suite, and
 * the member's command across real service processes by its journeys.)
 */
class LauncherIntegrationTests {

	@TempDir
	Path directory;

	private WardenHome home;

	@BeforeEach
	void freePorts() {
		assumeThat(WardenHome.ROOT.resolve("rules-service/target/rules-service.jar"))
			.as("rules-service must be packaged first (./mvnw verify does this)")
			.exists();
		this.home = new WardenHome(this.directory);
	}

	@Test
	void ctrlCStopsTheServiceAndTheInfrastructureAndLeavesNothingRunning() throws Exception {
		Launched launched = this.home.launch("up", "--only", "rules", "--no-aot");
		launched.awaitOutput("Warden is running", Duration.ofMinutes(4));
		assertThat(launched.output()).anyMatch((line) -> line.contains("rules-service") && line.contains("ready on"));
		assertThat(this.home.run("status")).isZero();
		long servicePid = this.home.serviceProcesses().getFirst().pid();
		long postgresPid = this.home.postgresPid();

		// What the terminal sends on Ctrl-C.
		new ProcessBuilder("kill", "-INT", Long.toString(launched.process().pid())).start().waitFor();

		// About 15 s on a quiet machine; on a loaded one (a CI run beside other builds)
		// stopping the service, Kafka, Redis and PostgreSQL in turn once took over 2 min.
		assertThat(launched.process().waitFor(4, TimeUnit.MINUTES))
			.as("launcher stopped; it printed:%n%s", String.join("\n", launched.output()))
			.isTrue();
		assertThat(launched.output()).contains("Warden stopped.");
		this.home.assertNothingRunning(List.of(servicePid, postgresPid));
		assertThat(this.home.run("status")).isEqualTo(3);
	}

}
