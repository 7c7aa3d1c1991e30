package dev.warden.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentOptionsUnitTests {

	@Test
	void takesTheApiKeyFromTheEnvironmentAndNeverShowsIt() {
		AgentOptions options = AgentOptions.parse(new String[] { "--name", "build-box" },
				Map.of("WARDEN_API_KEY", "wk_secret"));
		assertThat(options.credentials()).isEqualTo(new Credentials.ApiKey("wk_secret"));
		assertThat(options.credentials().toString()).doesNotContain("wk_secret");
		assertThat(options.url()).hasToString(AgentOptions.DEFAULT_URL);
	}

	@Test
	void readsCredentialsFromAFile(@TempDir Path dir) throws Exception {
		Path token = Files.writeString(dir.resolve("token"), "eyJ.token\n");
		AgentOptions options = AgentOptions.parse(new String[] { "--token-file", token.toString(), "--name", "a" },
				Map.of());
		assertThat(options.credentials()).isEqualTo(new Credentials.BearerToken("eyJ.token"));
	}

	@Test
	void refusesSecretsAsOptionValuesBecauseProcessListsShowThem() {
		assertThatThrownBy(() -> AgentOptions.parse(new String[] { "--api-key", "wk_secret" }, Map.of()))
			.isInstanceOf(AgentOptions.UsageException.class)
			.hasMessageContaining("WARDEN_API_KEY")
			.hasMessageNotContaining("wk_secret");
	}

	@Test
	void refusesAnInvalidNameAndMissingCredentials() {
		assertThatThrownBy(
				() -> AgentOptions.parse(new String[] { "--name", "no spaces" }, Map.of("WARDEN_API_KEY", "k")))
			.isInstanceOf(AgentOptions.UsageException.class);
		assertThatThrownBy(() -> AgentOptions.parse(new String[] { "--name", "ok" }, Map.of()))
			.hasMessageContaining("No credentials");
	}

	@Test
	void helpIsAUsageExceptionWithoutAMessage() {
		assertThatThrownBy(() -> AgentOptions.parse(new String[] { "--help" }, Map.of()))
			.isInstanceOf(AgentOptions.UsageException.class)
			.hasMessage(null);
		assertThat(AgentOptions.USAGE).contains("--allow-list").contains("WARDEN_API_KEY");
	}

}
