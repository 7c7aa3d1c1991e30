package dev.warden.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 000 (command control), as its clients used it: {@code X-API-Key} and the seed's
 * paths, through the gateway only.
 */
@ExtendWith(Suite.Extension.class)
class Seed000JourneyIntegrationTests {

	@Test
	void anAdminsRulesJudgeAMembersCommandsWhichArePaidForApprovedAndAudited(Suite suite) {
		Edge edge = suite.edge();
		String[] admin = Edge.apiKey("admin-secret-key");
		String unique = Long.toString(System.nanoTime(), 36);

		// The admin adds a rule (POST /rules)...
		Response blockRule = edge.post("/rules", Map.of("name", "e2e-no-deploy-" + unique, "pattern",
				"^deploy-" + unique + "$", "action", "BLOCK", "reason", "e2e: seed 000"), admin);
		assertThat(blockRule.status()).as(blockRule.toString()).isEqualTo(201);
		// ... and is told that the next one conflicts with the default pack, with a
		// witness.
		Map<String, Object> risky = Map.of("name", "e2e-risky-" + unique, "pattern", "^echo risky-" + unique + "$",
				"action", "REQUIRE_APPROVAL", "reason", "e2e: seed 000");
		Response conflict = edge.post("/rules", risky, admin);
		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		JsonNode first = conflict.body().path("conflicts").get(0);
		assertThat(first.path("witness").asString()).isEqualTo("echo risky-" + unique);
		assertThat(first.path("relation").asString()).isNotBlank();
		Response forced = edge.post("/rules?force=true", risky, admin);
		assertThat(forced.status()).as(forced.toString()).isEqualTo(201);

		// The admin creates a member (POST /users) and gets a one-time key.
		Response created = edge.post("/users", Map.of("username", "e2e-" + unique, "email",
				"e2e-" + unique + "@example.com", "role", "MEMBER", "tier", "FREE"), admin);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String memberId = created.body().path("user").path("id").asString();
		String[] member = Edge.apiKey(created.text("apiKey"));
		long opening = balance(edge, member);

		// An allowed command runs (POST /commands/execute) and costs credits.
		Response ran = edge.post("/commands/execute", Map.of("command", "echo hello-" + unique), member);
		assertThat(ran.status()).as(ran.toString()).isEqualTo(201);
		assertThat(ran.text("status")).isEqualTo("SUCCEEDED");
		assertThat(ran.text("stdout")).isEqualTo("hello-" + unique + "\n");
		long afterRun = balance(edge, member);
		assertThat(afterRun).isLessThan(opening);

		// A blocked one is refused, names the rule, and costs nothing.
		Response blocked = edge.post("/commands/execute", Map.of("command", "deploy-" + unique), member);
		assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);
		assertThat(blocked.body().path("rule").path("name").asString()).isEqualTo("e2e-no-deploy-" + unique);
		assertThat(balance(edge, member)).isEqualTo(afterRun);

		// A risky one waits for an admin.
		Response waiting = edge.post("/commands/execute", Map.of("command", "echo risky-" + unique), member);
		assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
		String approval = waiting.body().path("approval").path("id").asString();
		Response queue = edge.get("/api/v1/approvals?status=PENDING", admin);
		assertThat(queue.body().findValuesAsString("id")).contains(approval);
		Response approved = edge.post("/api/v1/approvals/" + approval + "/approve", Map.of("note", "e2e"), admin);
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.text("status")).isEqualTo("APPROVED");

		// The member retries, as in seed 000, and it runs, once.
		Response retried = edge.post("/commands/execute", Map.of("command", "echo risky-" + unique), member);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.text("stdout")).isEqualTo("risky-" + unique + "\n");
		Response again = edge.post("/commands/execute", Map.of("command", "echo risky-" + unique), member);
		assertThat(again.status()).as("the approval is used up").isEqualTo(202);

		// The audit log shows every step with the member's name, and the chain holds.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Response trail = edge.get("/audit-logs?actorId=" + memberId + "&limit=200", admin);
			assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
			List<String> actions = new ArrayList<>();
			for (JsonNode record : trail.body().path("items")) {
				actions.add(record.path("action").asString() + "/" + record.path("outcome").asString());
				assertThat(record.path("actorName").asString()).isEqualTo("e2e-" + unique);
			}
			assertThat(actions).contains("command.submitted/DENIED", "approval.requested/PENDING",
					"approval.consumed/SUCCESS", "command.executed/SUCCESS");
		});
		Response verified = edge.get("/api/v1/audit-logs/verify", admin);
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		assertThat(verified.body().path("valid").asBoolean()).as(verified.toString()).isTrue();
	}

	private static long balance(Edge edge, String[] credentials) {
		Response credits = edge.get("/api/v1/credits/me", credentials);
		assertThat(credits.status()).as(credits.toString()).isEqualTo(200);
		return credits.body().path("balance").asLong();
	}

}
