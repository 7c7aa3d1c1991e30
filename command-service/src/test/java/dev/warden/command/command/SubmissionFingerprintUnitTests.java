package dev.warden.command.command;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionFingerprintUnitTests {

	@Test
	void isTheSameForTheSameRequestOnEveryReplicaAndRun() {
		// A fixed value: a fingerprint that changed between JVMs would turn a retry on
		// another replica into "key reused for another request".
		// A known answer: SHA-256 of "ls -la", NUL, "local", NUL, "30".
		assertThat(CommandController.fingerprint("ls -la", "local", Duration.ofSeconds(30)))
			.isEqualTo("0c69d635e0d81d6a608ad3b4bc604cbf2c1adde671037f024a53912d3dd8779b");
	}

	@Test
	void tellsApartRequestsThatDifferInAnyField() {
		String base = CommandController.fingerprint("ls", "local", Duration.ofSeconds(30));
		assertThat(CommandController.fingerprint("ls ", "local", Duration.ofSeconds(30))).isNotEqualTo(base);
		assertThat(CommandController.fingerprint("ls", "agent:a", Duration.ofSeconds(30))).isNotEqualTo(base);
		assertThat(CommandController.fingerprint("ls", "local", Duration.ofSeconds(31))).isNotEqualTo(base);
		// Fields cannot run into each other (neither may contain NUL, the separator).
		assertThat(CommandController.fingerprint("ls local", "x", Duration.ofSeconds(30)))
			.isNotEqualTo(CommandController.fingerprint("ls", "local x", Duration.ofSeconds(30)));
	}

}
