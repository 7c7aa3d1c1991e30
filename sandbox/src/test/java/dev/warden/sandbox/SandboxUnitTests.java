package dev.warden.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxUnitTests {

	private final Sandbox sandbox = new Sandbox();

	@TempDir
	Path home;

	@Test
	void reportsExitCodeAndBothStreams() throws Exception {
		SandboxResult result = this.sandbox.run("echo out; echo err >&2; exit 3", SandboxLimits.defaults(this.home));
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).isEqualTo("out\n");
		assertThat(result.stderr()).isEqualTo("err\n");
		assertThat(result.succeeded()).isFalse();
		assertThat(result.timedOut()).isFalse();
	}

	@Test
	void keepsEverythingACommandWroteBeforeItExitedAtOnce() throws Exception {
		// Killing what is left of the group after exit must not close the pipes before
		// the readers drain them; a race like that loses output only now and then, so
		// repeat.
		for (int i = 0; i < 150; i++) {
			SandboxResult result = this.sandbox.run("echo out" + i + "; echo err" + i + " >&2",
					SandboxLimits.defaults(this.home));
			assertThat(result.stdout()).as("run %d", i).isEqualTo("out" + i + "\n");
			assertThat(result.stderr()).as("run %d", i).isEqualTo("err" + i + "\n");
		}
	}

	@Test
	void succeedsOnlyWithExitCodeZero() throws Exception {
		assertThat(this.sandbox.run("true", SandboxLimits.defaults(this.home)).succeeded()).isTrue();
		assertThat(this.sandbox.run("false", SandboxLimits.defaults(this.home)).succeeded()).isFalse();
	}

	@Test
	void keepsOnlyTheCapAndStillLetsTheCommandFinish() throws Exception {
		SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(20), 1000, this.home, Map.of());
		// 1 MB through a pipe: a reader that stopped at the cap would block the command.
		SandboxResult result = this.sandbox.run("head -c 1048576 /dev/zero | tr '\\0' a; echo done >&2", limits);
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).hasSize(1000).matches("a+");
		assertThat(result.stderr()).isEqualTo("done\n");
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void killsTheWholeTreeWhenTimeIsUp() throws Exception {
		Path marker = this.home.resolve("survived");
		SandboxLimits limits = SandboxLimits.defaults(this.home).withTimeout(Duration.ofMillis(500));
		// A detached grandchild would write the marker after two seconds if it survived.
		SandboxResult result = this.sandbox.run("(sleep 2; touch " + marker + ") & sleep 30", limits);
		assertThat(result.timedOut()).isTrue();
		assertThat(result.succeeded()).isFalse();
		assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
		Thread.sleep(3000);
		assertThat(marker).doesNotExist();
	}

	@Test
	void killsBackgroundChildrenWhenTheCommandEnds() throws Exception {
		Path marker = this.home.resolve("leftover");
		SandboxResult result = this.sandbox.run("(sleep 2; touch " + marker + ") > /dev/null 2>&1 & echo started",
				SandboxLimits.defaults(this.home));
		assertThat(result.stdout()).isEqualTo("started\n");
		Thread.sleep(3000);
		assertThat(marker).doesNotExist();
	}

	@Test
	void scrubsTheEnvironmentAndRunsInItsOwnHome() throws Exception {
		SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(10), 4096, this.home, Map.of("GREETING", "hi"));
		SandboxResult result = this.sandbox.run("env | sort; pwd", limits);
		assertThat(result.stdout()).contains("GREETING=hi", "HOME=" + this.home.toAbsolutePath())
			.endsWith(this.home.toAbsolutePath() + "\n")
			.doesNotContain("JAVA_HOME", "MAVEN");
		assertThat(Files.isDirectory(this.home.resolve(".tmp"))).isTrue();
	}

	@Test
	void readsNothingFromStandardInput() throws Exception {
		SandboxResult result = this.sandbox.run("cat; echo end", SandboxLimits.defaults(this.home));
		assertThat(result.stdout()).isEqualTo("end\n");
	}

	@Test
	void refusesNulBytes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.sandbox.run("echo a\0b", SandboxLimits.defaults(this.home)));
	}

}
