package dev.warden.command.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.warden.command.Api;
import dev.warden.command.CommandServiceTestSupport;
import dev.warden.command.RulesServiceStub;
import dev.warden.contracts.Topics;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS }, properties = {
		"warden.executors.local.enabled=true", "warden.policy.timeout=1s", "warden.commands.default-target=local" })
class CommandsIntegrationTests extends CommandServiceTestSupport {

	@Autowired
	Resilience4JCircuitBreakerFactory breakers;

	String alice;

	String aliceId;

	@BeforeEach
	void setUp() {
		this.aliceId = UUID.randomUUID().toString();
		this.alice = TestTokens.member(this.aliceId).name("alice").build();
	}

	@AfterEach
	void policyBack() {
		RulesServiceStub.mode(RulesServiceStub.Mode.NORMAL);
		CircuitBreakerRegistry registry = this.breakers.getCircuitBreakerRegistry();
		registry.getAllCircuitBreakers().forEach((breaker) -> breaker.reset());
	}

	@Test
	void runsAnAllowedCommandAndChargesItsCost() {
		Api.Response ran = this.api.submit(this.alice, "echo hello #cost=3", "local");
		assertThat(ran.status()).isEqualTo(201);
		assertThat(ran.text("status")).isEqualTo("SUCCEEDED");
		assertThat(ran.body().path("exitCode").asInt()).isZero();
		assertThat(ran.text("stdout")).isEqualTo("hello\n");
		assertThat(ran.text("settlement")).isEqualTo("CHARGED");
		assertThat(ran.header("Location")).isEqualTo("/api/v1/commands/" + ran.text("id"));
		assertThat(RulesServiceStub.lastAuthorization()).startsWith("Bearer ey");

		Api.Response credits = this.api.get("/api/v1/credits/me", this.alice);
		assertThat(credits.body().path("balance").asLong()).isEqualTo(100 - 3);
		assertThat(credits.body().path("reserved").asLong()).isZero();
	}

	@Test
	void runsASeed000SubmissionWithoutATargetOnTheDefaultTarget() {
		Api.Response ran = this.api.post("/api/v1/commands", this.alice, java.util.Map.of("command", "echo seed"));
		assertThat(ran.status()).as(ran.body().toString()).isEqualTo(201);
		assertThat(ran.text("target")).isEqualTo("local");
		assertThat(ran.text("stdout")).isEqualTo("seed\n");
	}

	@Test
	void releasesTheCostOfACommandThatFails() {
		Api.Response ran = this.api.submit(this.alice, "echo oops >&2; exit 4", "local");
		assertThat(ran.status()).isEqualTo(201);
		assertThat(ran.text("status")).isEqualTo("FAILED");
		assertThat(ran.body().path("exitCode").asInt()).isEqualTo(4);
		assertThat(ran.text("stderr")).isEqualTo("oops\n");
		assertThat(ran.text("settlement")).isEqualTo("RELEASED");
		assertThat(this.api.get("/api/v1/credits/me", this.alice).body().path("balance").asLong()).isEqualTo(100);
		List<String> kinds = new ArrayList<>();
		this.api.get("/api/v1/credits/me/ledger", this.alice)
			.body()
			.forEach((entry) -> kinds.add(entry.path("kind").asString()));
		assertThat(kinds).containsExactly("RELEASE", "RESERVE", "OPENING");
	}

	@Test
	void blocksWhatThePolicyBlocksAndNamesTheRule(@org.junit.jupiter.api.io.TempDir Path directory) {
		Path marker = directory.resolve("ran");
		Api.Response blocked = this.api.submit(this.alice, "rm -rf /tmp/x; touch " + marker, "local");
		assertThat(blocked.status()).isEqualTo(403);
		assertThat(blocked.text("type")).isEqualTo("https://warden.dev/problems/command-blocked");
		assertThat(blocked.body().path("rule").path("name").asString()).isEqualTo("no-rm-rf");
		assertThat(marker).doesNotExist();
		String id = blocked.text("commandId");
		Api.Response stored = this.api.get("/api/v1/commands/" + id, this.alice);
		assertThat(stored.text("status")).isEqualTo("REJECTED");
		assertThat(stored.text("decision")).isEqualTo("BLOCK");
		assertThat(stored.body().path("matches").get(0).path("ruleName").asString()).isEqualTo("no-rm-rf");
		assertThat(auditActions(id)).contains("command.submitted");
	}

	@Test
	void runsNothingWhenThePolicyCannotBeAsked(@org.junit.jupiter.api.io.TempDir Path directory) {
		Path marker = directory.resolve("ran");
		RulesServiceStub.mode(RulesServiceStub.Mode.FAILING);
		Api.Response refused = this.api.submit(this.alice, "touch " + marker, "local");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.text("type")).isEqualTo("https://warden.dev/problems/policy-unavailable");
		assertThat(marker).doesNotExist();
		Api.Response stored = this.api.get("/api/v1/commands/" + refused.text("commandId"), this.alice);
		assertThat(stored.text("status")).isEqualTo("NOT_RUN");
		assertThat(stored.text("reason")).contains("rules-service");

		RulesServiceStub.mode(RulesServiceStub.Mode.SLOW);
		long started = System.nanoTime();
		Api.Response slow = this.api.submit(this.alice, "touch " + marker, "local");
		assertThat(slow.status()).isEqualTo(503);
		assertThat(slow.text("detail")).contains("did not answer in time");
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(9_000);
		assertThat(marker).doesNotExist();
		assertThat(this.api.get("/api/v1/credits/me", this.alice).body().path("balance").asLong()).isEqualTo(100);
	}

	@Test
	void opensTheCircuitAfterRepeatedFailuresAndStillRunsNothing() {
		RulesServiceStub.mode(RulesServiceStub.Mode.FAILING);
		for (int i = 0; i < 12; i++) {
			assertThat(this.api.submit(this.alice, "echo " + i, "local").status()).isEqualTo(503);
		}
		int asked = RulesServiceStub.evaluations();
		Api.Response open = this.api.submit(this.alice, "echo open", "local");
		assertThat(open.status()).isEqualTo(503);
		assertThat(open.text("detail")).contains("circuit breaker is open");
		assertThat(RulesServiceStub.evaluations()).isEqualTo(asked);
	}

	@Test
	void carriesTheRequestIdAndTraceToRulesService() {
		Api.Response blocked = this.api.submit(this.alice, "rm -rf /srv", "local", "X-Request-Id", "req-trace-42");
		assertThat(blocked.status()).isEqualTo(403);
		assertThat(RulesServiceStub.lastRequestId()).isEqualTo("req-trace-42");
		assertThat(RulesServiceStub.lastTraceParent()).contains(blocked.text("traceId"));
	}

	@Test
	void refusesBadInputWithProblems() {
		Api.Response tooLong = this.api.submit(this.alice, "echo " + "a".repeat(5000), "local");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body().path("errors").get(0).path("field").asString()).isEqualTo("command");
		Api.Response nul = this.api.submit(this.alice, "echo a\u0000b", "local");
		assertThat(nul.status()).isEqualTo(400);
		Api.Response badTarget = this.api.submit(this.alice, "echo hi", "no such target!");
		assertThat(badTarget.status()).isEqualTo(400);
		assertThat(badTarget.body().path("errors").get(0).path("field").asString()).isEqualTo("target");
		Api.Response unknownKind = this.api.submit(this.alice, "echo hi", "ssh:prod");
		assertThat(unknownKind.status()).isEqualTo(422);
		assertThat(unknownKind.text("type")).isEqualTo("https://warden.dev/problems/target-unavailable");
		Api.Response missing = this.api.post("/api/v1/commands", this.alice, Map.of("target", "local"));
		assertThat(missing.status()).isEqualTo(400);
		// One error per field: a missing command is not reported as both null and blank.
		assertThat(missing.body().path("errors").size()).isEqualTo(1);
		assertThat(missing.body().path("errors").get(0).path("field").asString()).isEqualTo("command");
		Api.Response longTimeout = this.api.post("/api/v1/commands", this.alice,
				Map.of("command", "echo", "target", "local", "timeoutSeconds", 100000));
		assertThat(longTimeout.status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/commands?limit=500", this.alice).status()).isEqualTo(400);
	}

	@Test
	void replaysTheFirstAnswerToTheSameKeyAndRefusesItForAnotherRequest() {
		String key = UUID.randomUUID().toString();
		Api.Response first = this.api.submit(this.alice, "echo once", "local", "Idempotency-Key", key);
		Api.Response again = this.api.submit(this.alice, "echo once", "local", "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.text("id")).isEqualTo(first.text("id"));
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.api.get("/api/v1/credits/me", this.alice).body().path("balance").asLong()).isEqualTo(99);

		Api.Response other = this.api.submit(this.alice, "echo twice", "local", "Idempotency-Key", key);
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.text("type")).isEqualTo("https://warden.dev/problems/idempotency-key-reused");

		// Keys are scoped to the caller: another user's identical key is a new request.
		String bob = TestTokens.member("bob-" + UUID.randomUUID()).build();
		Api.Response bobs = this.api.submit(bob, "echo once", "local", "Idempotency-Key", key);
		assertThat(bobs.status()).isEqualTo(201);
		assertThat(bobs.text("id")).isNotEqualTo(first.text("id"));

		Api.Response blocked = this.api.submit(this.alice, "rm -rf /", "local", "Idempotency-Key", key + "-b");
		Api.Response blockedAgain = this.api.submit(this.alice, "rm -rf /", "local", "Idempotency-Key", key + "-b");
		assertThat(blockedAgain.status()).isEqualTo(403);
		assertThat(blockedAgain.text("commandId")).isEqualTo(blocked.text("commandId"));
	}

	@Test
	void refusesARetryWhileTheFirstRequestIsStillRunning() throws Exception {
		String key = UUID.randomUUID().toString();
		CompletableFuture<Api.Response> first = CompletableFuture
			.supplyAsync(() -> this.api.submit(this.alice, "sleep 2; echo done", "local", "Idempotency-Key", key));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select count(*) from commands where user_id = ? and status = 'RUNNING'")
				.param(this.aliceId)
				.query(Long.class)
				.single() == 1);
		Api.Response retry = this.api.submit(this.alice, "sleep 2; echo done", "local", "Idempotency-Key", key);
		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.text("type")).isEqualTo("https://warden.dev/problems/idempotency-key-in-use");
		assertThat(retry.header("Retry-After")).isNotNull();
		assertThat(first.get().status()).isEqualTo(201);
		assertThat(this.api.submit(this.alice, "sleep 2; echo done", "local", "Idempotency-Key", key).text("id"))
			.isEqualTo(first.get().text("id"));
	}

	@Test
	void neverRunsACommandTwiceWhenARetryTakesOverAKeyWhoseRequestIsStillRunning() throws Exception {
		String key = UUID.randomUUID().toString();
		CompletableFuture<Api.Response> first = CompletableFuture
			.supplyAsync(() -> this.api.submit(this.alice, "sleep 2; echo slow", "local", "Idempotency-Key", key));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from idempotency_keys where user_id = ? and command_id is not null")
				.param(this.aliceId)
				.query(Long.class)
				.single() == 1);
		// As if the first request's hold on the key had lapsed (it lives longer than its
		// lease).
		this.jdbc.sql("update idempotency_keys set locked_until = null where user_id = ?").param(this.aliceId).update();
		Api.Response takeover = this.api.submit(this.alice, "sleep 2; echo slow", "local", "Idempotency-Key", key);
		assertThat(takeover.status()).isEqualTo(409);
		Api.Response again = this.api.submit(this.alice, "sleep 2; echo slow", "local", "Idempotency-Key", key);
		assertThat(again.status()).isIn(409, 201);
		assertThat(first.get().status()).isEqualTo(201);
		Api.Response after = this.api.submit(this.alice, "sleep 2; echo slow", "local", "Idempotency-Key", key);
		assertThat(after.status()).isEqualTo(201);
		assertThat(after.text("id")).isEqualTo(first.get().text("id"));
		assertThat(this.jdbc.sql("select count(*) from commands where user_id = ?")
			.param(this.aliceId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void showsCommandsOnlyToTheirOwnerAndAdministrators() {
		String id = this.api.submit(this.alice, "echo mine", "local").text("id");
		String bobId = UUID.randomUUID().toString();
		String bob = TestTokens.member(bobId).build();
		assertThat(this.api.get("/api/v1/commands/" + id, bob).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/commands?userId=" + this.aliceId, bob).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/commands", bob).body()).isEmpty();
		assertThat(this.api.get("/api/v1/credits/" + this.aliceId, bob).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/credits/" + this.aliceId + "/ledger", bob).status()).isEqualTo(403);

		String admin = TestTokens.admin("admin-" + UUID.randomUUID()).build();
		assertThat(this.api.get("/api/v1/commands/" + id, admin).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/commands?userId=" + this.aliceId, admin).body()).hasSize(1);
	}

	@Test
	void refusesTokensWhoseScopesDoNotIncludeCommands() {
		String llmOnly = TestTokens.member(this.aliceId).scope("llm").build();
		Api.Response refused = this.api.submit(llmOnly, "echo hi", "local");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("detail")).contains("commands");
		String service = TestTokens.service("llm-proxy-service").build();
		assertThat(this.api.submit(service, "echo hi", "local").status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/commands", llmOnly).status()).isEqualTo(403);
	}

	@Test
	void pagesHistoryNewestFirstWithFilters() {
		for (int i = 0; i < 5; i++) {
			this.api.submit(this.alice, "echo " + i, "local");
		}
		this.api.submit(this.alice, "exit 1", "local");
		Api.Response page = this.api.get("/api/v1/commands?limit=2", this.alice);
		assertThat(page.body()).hasSize(2);
		assertThat(page.body().get(0).path("command").asString()).isEqualTo("exit 1");
		String last = page.body().get(1).path("id").asString();
		Api.Response next = this.api.get("/api/v1/commands?limit=10&before=" + last, this.alice);
		assertThat(next.body()).hasSize(4);
		assertThat(next.body().get(0).path("command").asString()).isEqualTo("echo 3");
		assertThat(this.api.get("/api/v1/commands?status=FAILED", this.alice).body()).hasSize(1);
	}

	@Test
	void killsACommandThatRunsOutOfTimeAndChargesNothing() {
		Api.Response ran = this.api.post("/api/v1/commands", this.alice,
				Map.of("command", "sleep 20", "target", "local", "timeoutSeconds", 1));
		assertThat(ran.status()).isEqualTo(201);
		assertThat(ran.text("status")).isEqualTo("FAILED");
		assertThat(ran.body().path("timedOut").asBoolean()).isTrue();
		assertThat(ran.text("settlement")).isEqualTo("RELEASED");
	}

	@Test
	void recordsAuditEventsForEveryStep() {
		String id = this.api.submit(this.alice, "echo audited", "local").text("id");
		assertThat(auditActions(id)).contains("command.submitted", "command.executed");
		List<String> credit = this.jdbc
			.sql("select payload->'data'->>'action' from platform.outbox_event where topic = ? "
					+ "and payload->'data'->'details'->>'commandId' = ?")
			.params(Topics.AUDIT_EVENTS, id)
			.query(String.class)
			.list();
		assertThat(credit).contains("credit.reserve", "credit.charge");
	}

	private List<String> auditActions(String id) {
		return this.jdbc
			.sql("select payload->'data'->>'action' from platform.outbox_event where topic = ? "
					+ "and payload->'data'->>'resourceId' = ?")
			.params(Topics.AUDIT_EVENTS, id)
			.query(String.class)
			.list();
	}

}
