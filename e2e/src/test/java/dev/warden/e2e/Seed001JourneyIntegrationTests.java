package dev.warden.e2e;

import java.util.Map;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 (the command dispatcher), through the gateway: register, sign in with the
 * OAuth2 password form, connect an agent over WebSocket, send it a command and one to
 * all, see a silent agent time out and a second connection replace the first.
 */
@ExtendWith(Suite.Extension.class)
class Seed001JourneyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aRegisteredUsersAgentAnswersWhatIsSentToItAndToAll(Suite suite) throws Exception {
		Edge edge = suite.edge();
		String unique = Long.toString(System.nanoTime(), 36);
		String username = "agent-owner-" + unique;
		String password = "a passphrase long enough for the policy " + unique;

		// Seed 001's client: /register, then /token with the password grant as a form.
		String accessToken = edge.registerAndSignIn(username, password);
		String userId = edge.get("/api/v1/auth/me", Edge.bearer(accessToken)).body().path("user").path("id").asString();
		assertThat(userId).isNotBlank();

		try (TestAgent agent = TestAgent.register(suite.gatewayPort(), accessToken, "box-" + unique,
				(command) -> "HANG".equals(command.path("method").asString()) ? null
						: JSON.createObjectNode()
							.put("echo", command.path("url").asString())
							.put("method", command.path("method").asString()))) {

			// POST /send-command/{user_id}: the answer comes back.
			Response sent = edge.post("/send-command/" + userId, Map.of("method", "GET", "url", "status"),
					Edge.bearer(accessToken));
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			assertThat(sent.text("status")).isEqualTo("delivered");
			assertThat(sent.body().path("result").path("echo").asString()).isEqualTo("status");

			// POST /broadcast-command (admins): every agent answers, ours among them.
			String admin = edge
				.form("/token",
						Map.of("grant_type", "password", "username", "superuser", "password", suite.adminPassword()))
				.text("access_token");
			Response broadcast = edge.post("/broadcast-command", Map.of("method", "GET", "url", "all"),
					Edge.bearer(admin));
			assertThat(broadcast.status()).as(broadcast.toString()).isEqualTo(200);
			JsonNode ours = null;
			for (JsonNode result : broadcast.body().path("results")) {
				if (result.path("agent").asString().equals("box-" + unique)) {
					ours = result;
				}
			}
			assertThat(ours).as(broadcast.toString()).isNotNull();
			assertThat(ours.path("status").asString()).isEqualTo("delivered");
			assertThat(ours.path("result").path("echo").asString()).isEqualTo("all");

			// A silent agent times out: 504, within the time asked for.
			Response silent = edge.post("/send-command/" + userId,
					Map.of("method", "HANG", "url", "x", "timeoutSeconds", 2), Edge.bearer(accessToken));
			assertThat(silent.status()).as(silent.toString()).isEqualTo(504);

			// A second connection under the same name replaces the first, which is told
			// why.
			try (TestAgent second = TestAgent.register(suite.gatewayPort(), accessToken, "box-" + unique,
					(command) -> JSON.createObjectNode().put("from", "second"))) {
				assertThat(agent.closeCode()).isEqualTo(4409);
				Response toSecond = edge.post("/send-command/" + userId, Map.of("method", "GET", "url", "who"),
						Edge.bearer(accessToken));
				assertThat(toSecond.status()).as(toSecond.toString()).isEqualTo(200);
				assertThat(toSecond.body().path("result").path("from").asString()).isEqualTo("second");
			}
		}
	}

}
