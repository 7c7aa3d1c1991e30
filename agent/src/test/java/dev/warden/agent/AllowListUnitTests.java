package dev.warden.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.warden.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class AllowListUnitTests {

	private final AllowList allowList = AllowList
		.of(List.of("# what this box may do", "", "uptime", "df -h", "ls *", "git -C /srv/app status"), "test-list");

	@Test
	void allowsCommandsThatMatchAPattern() {
		assertThat(this.allowList.refusal("uptime")).isEmpty();
		assertThat(this.allowList.refusal("  df    -h ")).isEmpty();
		assertThat(this.allowList.refusal("ls -la /tmp")).isEmpty();
		assertThat(this.allowList.refusal("git -C /srv/app status")).isEmpty();
	}

	@Test
	void refusesCommandsThatMatchNoPattern() {
		assertThat(this.allowList.refusal("rm -rf /")).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("test-list").contains("matches no allowed pattern"));
		assertThat(this.allowList.refusal("df -h /")).isPresent();
		assertThat(this.allowList.refusal("uptimes")).isPresent();
	}

	@Test
	void refusesShellControlCharactersEvenWhenAPatternWouldMatch() {
		for (String sneaky : List.of("ls; rm -rf ~", "ls && reboot", "ls | sh", "ls $(reboot)", "ls `reboot`",
				"ls > /etc/passwd", "ls\nreboot", "ls & reboot", "ls \\; reboot")) {
			assertThat(this.allowList.refusal(sneaky)).as(sneaky)
				.hasValueSatisfying((reason) -> assertThat(reason).contains("control characters"));
		}
	}

	@Test
	void anAgentRefusesAnUnlistedCommandWithExitCode126WithoutRunningIt(@TempDir Path dir) throws Exception {
		LocalCommandHandler handler = new LocalCommandHandler(new Sandbox(), dir.resolve("work"),
				Duration.ofSeconds(10), AllowList.of(List.of("echo *"), "test-list"), "box");
		Path marker = dir.resolve("marker");
		ObjectNode data = JsonMapper.builder().build().createObjectNode().put("command", "touch " + marker);

		ObjectNode refused = handler.handle("EXEC", null, data);

		assertThat(refused.get("exit_code").asInt()).isEqualTo(126);
		assertThat(refused.get("stderr").asString()).contains("refused by the local allow-list");
		assertThat(refused.get("timed_out").asBoolean()).isFalse();
		assertThat(marker).doesNotExist();
		assertThat(Files.exists(dir.resolve("work"))).isFalse();

		ObjectNode allowed = handler.handle("EXEC", null, data.put("command", "echo allowed"));
		assertThat(allowed.get("exit_code").asInt()).isZero();
		assertThat(allowed.get("stdout").asString()).isEqualTo("allowed\n");
	}

	@Test
	void anAgentCapsTheTimeLimitAndAnswersUnsupportedMethodsWithAnError(@TempDir Path dir) throws Exception {
		LocalCommandHandler handler = new LocalCommandHandler(new Sandbox(), dir, Duration.ofSeconds(1), null, "box");
		ObjectNode data = JsonMapper.builder()
			.build()
			.createObjectNode()
			.put("command", "sleep 30")
			.put("timeout_seconds", 600);

		ObjectNode slow = handler.handle("EXEC", null, data);
		assertThat(slow.get("timed_out").asBoolean()).isTrue();
		assertThat(slow.get("duration_ms").asLong()).isLessThan(20_000);

		ObjectNode post = handler.handle("POST", "/deploy", JsonMapper.builder().build().createObjectNode());
		assertThat(post.get("error").asString()).contains("does not support method POST");
		assertThat(post.has("exit_code")).isFalse();
	}

}
