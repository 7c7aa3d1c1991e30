package dev.warden.command.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.warden.agent.AgentClient;
import dev.warden.agent.Credentials;
import dev.warden.command.execution.ExecutionFailedException;
import dev.warden.command.execution.ExecutionRequest;
import dev.warden.command.execution.ExecutionResult;
import dev.warden.command.execution.Requester;
import dev.warden.command.execution.Target;
import dev.warden.contracts.Topics;
import dev.warden.platform.problem.ProblemException;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AgentIntegrationTests extends AgentIntegrationTestSupport {

	private static final String PROBLEMS = "https://warden.dev/problems/";

	private static final String ADMIN = TestTokens.admin("admin-1").build();

	@Autowired
	AgentExecutor executor;

	@Autowired
	AgentProperties agentProperties;

	@Autowired
	AgentRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sendsACommandToTheUsersAgentAndReturnsItsAnswer() throws Exception {
		String user = newUserId();
		String key = unique("key");
		FakeAuthService.key(key, user);
		agent(this.port, "build-box", new Credentials.ApiKey(key), false);

		JsonNode answer = dispatch(user, Map.of("method", "GET", "url", "info"), TestTokens.member(user).build())
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();

		assertThat(answer.get("status").asString()).isEqualTo("delivered");
		assertThat(answer.get("agent").asString()).isEqualTo("build-box");
		assertThat(answer.get("userId").asString()).isEqualTo(user);
		assertThat(answer.at("/result/name").asString()).isEqualTo("build-box");
		assertThat(answer.at("/result/hostname").asString()).isNotBlank();

		// The agent answers methods it does not support with an error, and the answer
		// still comes back.
		dispatch(user, Map.of("method", "DELETE", "url", "/tmp"), TestTokens.member(user).build()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat((String) error).contains("does not support method DELETE"));

		String agentKey = user + "/build-box";
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(auditCount("agent.connected", agentKey)).isEqualTo(1);
			assertThat(auditCount("agent.command.dispatched", agentKey)).isEqualTo(2);
		});
		String metrics = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).contains("warden_agents_connected")
			.containsPattern("warden_agents_dispatches_total\\{[^}]*outcome=\"delivered\"[^}]*via=\"dispatch\"")
			.contains("warden_agents_dispatch_duration_seconds_count");
	}

	@Test
	void runsAShellCommandOnTheRequestersOwnAgentThroughTheAgentExecutor() throws Exception {
		String user = newUserId();
		agent(this.port, "box", new Credentials.BearerToken(agentToken(user)), true);
		Requester requester = new Requester(user, user, false);

		this.executor.authorize(Target.parse("agent:box"), requester);
		ExecutionResult result = this.executor.execute(new ExecutionRequest(UUID.randomUUID(),
				"echo hello; echo oops >&2; exit 3", Target.parse("agent:box"), requester, Duration.ofSeconds(20)));

		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).isEqualTo("hello\n");
		assertThat(result.stderr()).isEqualTo("oops\n");
		assertThat(result.timedOut()).isFalse();
		assertThat(result.succeeded()).isFalse();
		assertThat(this.executor.kind()).isEqualTo("agent");

		ExecutionResult slow = this.executor.execute(new ExecutionRequest(UUID.randomUUID(), "sleep 30",
				Target.parse("agent:box"), requester, Duration.ofSeconds(1)));
		assertThat(slow.timedOut()).isTrue();
	}

	@Test
	void theAgentExecutorRefusesAgentsThatAreNotTheRequestersOwn() throws Exception {
		String owner = unique("owner");
		String other = unique("other");
		agent(this.port, "shared-name", new Credentials.BearerToken(agentToken(owner)), false);

		assertThatThrownBy(
				() -> this.executor.authorize(Target.parse("agent:shared-name"), new Requester(other, other, true)))
			.isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.type().status().value()).isEqualTo(422))
			.hasMessageContaining("no agent named 'shared-name'");
		assertThatThrownBy(() -> this.executor.authorize(Target.parse("agent"), new Requester(owner, owner, false)))
			.isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.type().status().value()).isEqualTo(422));
		assertThatThrownBy(() -> this.executor.execute(new ExecutionRequest(UUID.randomUUID(), "id",
				Target.parse("agent:shared-name"), new Requester(other, other, true), Duration.ofSeconds(5))))
			.isInstanceOf(ExecutionFailedException.class)
			.hasMessageContaining("not connected");
	}

	@Test
	void broadcastsToEveryAgentAndReportsEachAnswerOrTimeout() throws Exception {
		String answering = newUserId();
		String silent = newUserId();
		agent(this.port, "answers", new Credentials.BearerToken(agentToken(answering)), false);
		RawAgent quiet = raw(silent).register("quiet");

		JsonNode broadcast = post("/api/v1/dispatch/broadcast",
				Map.of("method", "GET", "url", "info", "timeoutSeconds", 3), ADMIN)
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();

		assertThat(quiet.next("command").path("method").asString()).isEqualTo("GET");
		assertThat(resultOf(broadcast, answering).path("status").asString()).isEqualTo("delivered");
		assertThat(resultOf(broadcast, answering).at("/result/name").asString()).isEqualTo("answers");
		assertThat(resultOf(broadcast, silent).path("status").asString()).isEqualTo("timeout");
		assertThat(broadcast.path("agents").asInt()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void onlyAdministratorsMayBroadcast() {
		post("/api/v1/dispatch/broadcast", Map.of("method", "GET", "url", "info"),
				TestTokens.member(newUserId()).build())
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "forbidden");
	}

	@Test
	void aMemberCannotDispatchToAnotherMembersAgent() throws Exception {
		String alice = newUserId();
		String bob = newUserId();
		RawAgent aliceAgent = raw(alice).register("laptop");

		dispatch(alice, Map.of("method", "GET", "url", "info"), TestTokens.member(bob).build()).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "forbidden");
		assertThat(aliceAgent.received.stream().filter((message) -> "command".equals(message.path("type").asString())))
			.isEmpty();

		// An administrator may.
		CompletableFuture<Integer> status = CompletableFuture
			.supplyAsync(() -> dispatch(alice, Map.of("method", "GET", "url", "info"), ADMIN).returnResult(String.class)
				.getStatus()
				.value());
		aliceAgent.answer(aliceAgent.next("command"), RawAgent.message("result").put("result", "fine"));
		assertThat(status.join()).isEqualTo(200);
	}

	@Test
	void answersGatewayTimeoutWhenTheAgentDoesNotAnswerAndIgnoresTheLateAnswer() throws Exception {
		String user = newUserId();
		RawAgent agent = raw(user).register("slow");

		dispatch(user, Map.of("method", "GET", "url", "info", "timeoutSeconds", 1), TestTokens.member(user).build())
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "agent-timeout")
			.jsonPath("$.agent")
			.isEqualTo("slow");

		agent.answer(agent.next("command"), RawAgent.message("result").put("result", "too late"));
		agent.send(RawAgent.message("ping"));
		agent.next("pong");
		assertThat(agent.isOpen()).isTrue();
	}

	@Test
	void refusesTimeoutsAboveTheMaximumAndShellCommandsThatBypassThePolicy() throws Exception {
		String user = newUserId();
		raw(user).register("box");
		String token = TestTokens.member(user).build();

		dispatch(user, Map.of("method", "GET", "timeoutSeconds", 121), token).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("timeoutSeconds");
		dispatch(user, Map.of("method", "EXEC", "data", Map.of("command", "id")), token).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("/api/v1/commands"));
	}

	@Test
	void saysWhatToDoWhenTheUserHasNoAgentOrSeveral() throws Exception {
		String user = newUserId();
		String token = TestTokens.member(user).build();
		dispatch(user, Map.of("method", "GET"), token).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "agent-not-connected");

		raw(user).register("one");
		RawAgent two = raw(user).register("two");
		dispatch(user, Map.of("method", "GET"), token).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "agent-ambiguous")
			.jsonPath("$.agents")
			.isEqualTo(List.of("one", "two"));

		CompletableFuture<JsonNode> named = CompletableFuture.supplyAsync(
				() -> dispatch(user, Map.of("method", "GET", "agent", "two"), token).returnResult(JsonNode.class)
					.getResponseBody());
		two.answer(two.next("command"), RawAgent.message("result").put("result", "it was me"));
		assertThat(named.join().path("result").asString()).isEqualTo("it was me");

		this.http.get()
			.uri("/api/v1/agents")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].name")
			.isEqualTo(List.of("one", "two"));
	}

	@Test
	void aSecondConnectionForTheSameAgentReplacesTheFirstWhichIsClosedWithAReason() throws Exception {
		String user = newUserId();
		RawAgent first = raw(user).register("box");
		RawAgent second = raw(user).register("box");

		RawAgent.Closed closed = first.awaitClose();
		assertThat(closed.code()).isEqualTo(4409);
		assertThat(closed.reason()).contains("replaced");

		CompletableFuture<Integer> status = CompletableFuture
			.supplyAsync(() -> dispatch(user, Map.of("method", "GET", "url", "info"), TestTokens.member(user).build())
				.returnResult(String.class)
				.getStatus()
				.value());
		second.answer(second.next("command"), RawAgent.message("result").put("result", "second"));
		assertThat(status.join()).isEqualTo(200);
		assertThat(second.isOpen()).isTrue();
		await().atMost(WAIT).untilAsserted(() -> assertThat(auditCount("agent.replaced", user + "/box")).isEqualTo(1));
	}

	@Test
	void refusesOneAgentTooManyForAUserButLetsAConnectedNameReconnect() throws Exception {
		String user = newUserId();
		int max = this.agentProperties.maxPerUser();
		for (int i = 0; i < max; i++) {
			raw(user).register("box-" + i);
		}

		RawAgent extra = raw(user);
		extra.send(RawAgent.message("register").put("name", "one-too-many"));
		assertThat(extra.next("error").path("code").asString()).isEqualTo("too_many_agents");
		RawAgent.Closed closed = extra.awaitClose();
		assertThat(closed.code()).isEqualTo(4429);
		assertThat(closed.reason()).contains("at most " + max);

		// A known name is a reconnect, not one more agent; another user is not affected.
		raw(user).register("box-0");
		raw(unique("other")).register("box-0");
	}

	@Test
	void concurrentRegistrationsAtTheLimitAdmitExactlyWhatIsLeft() throws Exception {
		// Straight at the registry, as every replica's registrations meet there: fifty at
		// once make the window between counting and claiming certain to be hit without
		// the lock.
		String user = newUserId();
		int max = this.agentProperties.maxPerUser();
		for (int i = 0; i < max - 2; i++) {
			this.registry.claim(new AgentId(user, "box-" + i), new AgentLocation("replica-a", "c-" + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 50; i++) {
				AgentId racer = new AgentId(user, "racer-" + i);
				AgentLocation location = new AgentLocation((i % 2 == 0) ? "replica-a" : "replica-b", "r-" + i);
				outcomes.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
						this.registry.claim(racer, location);
						return true;
					}
					catch (TooManyAgentsException ex) {
						return false;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
				}, pool));
			}
			start.countDown();
			List<Boolean> admitted = outcomes.stream().map(CompletableFuture::join).toList();

			assertThat(admitted).filteredOn(Boolean::booleanValue).hasSize(2);
			assertThat(this.registry.namesOf(user)).hasSize(max);
		}
	}

	@Test
	void theRealAgentStopsReconnectingWhenAnotherTakesItsName() throws Exception {
		String user = newUserId();
		AgentClient first = agent(this.port, "box", new Credentials.BearerToken(agentToken(user)), false);
		agent(this.port, "box", new Credentials.BearerToken(agentToken(user)), false);

		assertThat(first.awaitStopped(WAIT)).isTrue();
		assertThat(first.lastClose()).hasValueSatisfying((close) -> assertThat(close.code()).isEqualTo(4409));
		assertThat(first.connections()).isEqualTo(1);
	}

	@Test
	void failsAWaitingDispatchAtOnceWhenTheAgentDisconnects() throws Exception {
		String user = newUserId();
		RawAgent agent = raw(user).register("flaky");
		long started = System.nanoTime();

		CompletableFuture<JsonNode> answer = CompletableFuture
			.supplyAsync(() -> dispatch(user, Map.of("method", "GET", "url", "info", "timeoutSeconds", 120),
					TestTokens.member(user).build())
				.expectStatus()
				.isEqualTo(502)
				.returnResult(JsonNode.class)
				.getResponseBody());
		agent.next("command");
		agent.close();

		assertThat(answer.join().path("type").asString()).isEqualTo(PROBLEMS + "agent-disconnected");
		// Far below the 120 s the dispatch would otherwise have waited.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
	}

	@Test
	void answersAMalformedMessageWithAnErrorAndKeepsTheConnection() throws Exception {
		String user = newUserId();
		RawAgent agent = raw(user).register("box");

		agent.send("this is not json");
		assertThat(agent.next("error").path("code").asString()).isEqualTo("malformed");
		agent.send("[1, 2, 3]");
		assertThat(agent.next("error").path("code").asString()).isEqualTo("malformed");
		agent.send("{\"type\":\"result\",\"command_id\":\"x\"}");
		assertThat(agent.next("error").path("code").asString()).isEqualTo("unsupported_version");
		agent.send(RawAgent.message("result").put("command_id", "not-a-uuid"));
		assertThat(agent.next("error").path("code").asString()).isEqualTo("malformed");
		agent.send(RawAgent.message("teleport"));
		assertThat(agent.next("error").path("code").asString()).isEqualTo("unknown_type");
		agent.send(RawAgent.message("register").put("name", "again"));
		assertThat(agent.next("error").path("code").asString()).isEqualTo("already_registered");
		// A result for a command nobody sent is ignored.
		agent.send(RawAgent.message("result").put("command_id", UUID.randomUUID().toString()));

		CompletableFuture<Integer> status = CompletableFuture
			.supplyAsync(() -> dispatch(user, Map.of("method", "GET", "url", "info"), TestTokens.member(user).build())
				.returnResult(String.class)
				.getStatus()
				.value());
		agent.answer(agent.next("command"), RawAgent.message("result").put("result", "still here"));
		assertThat(status.join()).isEqualTo(200);
		assertThat(agent.isOpen()).isTrue();
	}

	@Test
	void refusesAHandshakeFromAnOriginNotOnTheList() throws Exception {
		String token = bearer(agentToken(newUserId()));

		assertThat(RawAgent.handshakeStatus(agentsUrl(),
				Map.of(HttpHeaders.AUTHORIZATION, token, HttpHeaders.ORIGIN, "https://evil.example")))
			.isEqualTo(403);
		assertThat(RawAgent.handshakeStatus(agentsUrl(),
				Map.of(HttpHeaders.AUTHORIZATION, token, HttpHeaders.ORIGIN, "https://console.warden.test")))
			.isEqualTo(101);
		assertThat(RawAgent.handshakeStatus(agentsUrl(), Map.of(HttpHeaders.AUTHORIZATION, token))).isEqualTo(101);
	}

	@Test
	void closesAConnectionThatDoesNotAuthenticateInTime() {
		RawAgent silent = open(RawAgent.connect(agentsUrl(), Map.of()));

		RawAgent.Closed closed = silent.awaitClose();

		assertThat(closed.code()).isEqualTo(4408);
		assertThat(closed.reason()).contains("authenticate");
	}

	@Test
	void closesAConnectionThatAuthenticatesButNeverRegisters() throws Exception {
		RawAgent lazy = open(RawAgent.connect(agentsUrl(), Map.of()));
		lazy.authenticate(agentToken(newUserId()));

		assertThat(lazy.awaitClose().code()).isEqualTo(4408);
	}

	@Test
	void refusesCredentialsThatAreNotGood() throws Exception {
		String llmOnly = unique("key");
		FakeAuthService.llmOnlyKey(llmOnly, newUserId());

		assertThat(RawAgent.handshakeStatus(agentsUrl(), Map.of("X-API-Key", "wk_not_a_key"))).isEqualTo(401);
		assertThat(RawAgent.handshakeStatus(agentsUrl(), Map.of("X-API-Key", llmOnly))).isEqualTo(401);
		assertThat(RawAgent.handshakeStatus(agentsUrl(),
				Map.of(HttpHeaders.AUTHORIZATION, bearer(TestTokens.member("x").scope("commands").expired().build()))))
			.isEqualTo(401);

		RawAgent forged = open(RawAgent.connect(agentsUrl(), Map.of()));
		forged.send(RawAgent.message("register").put("name", "box"));
		assertThat(forged.next("error").path("code").asString()).isEqualTo("unauthenticated");
		forged.send(RawAgent.message("auth")
			.put("token", TestTokens.member("x").scope("commands").signedWithRogueKey().build()));
		assertThat(forged.awaitClose().code()).isEqualTo(4401);

		RawAgent service = open(RawAgent.connect(agentsUrl(), Map.of()));
		service.send(RawAgent.message("auth").put("token", TestTokens.service("rules-service").build()));
		assertThat(service.awaitClose().code()).isEqualTo(4401);
	}

	@Test
	void authenticatesWithAnApiKeyInTheFirstMessage() throws Exception {
		String user = newUserId();
		String key = unique("key");
		FakeAuthService.key(key, user);

		AgentClient agent = agent(this.port, "keyed", new Credentials.ApiKey(key), true);

		assertThat(agent.state()).isEqualTo(AgentClient.State.REGISTERED);
		this.http.get()
			.uri("/api/v1/agents")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.member(user).build()))
			.exchange()
			.expectBody()
			.jsonPath("$[0].name")
			.isEqualTo("keyed");
	}

	@Test
	void pingsRegisteredAgents() throws Exception {
		RawAgent agent = raw(newUserId()).register("box");

		await().atMost(WAIT).until(() -> agent.pings.get() >= 2);
		assertThat(agent.isOpen()).isTrue();
	}

	@Test
	void theRealAgentReconnectsAfterTheConnectionDrops() throws Exception {
		String user = newUserId();
		AgentClient agent = agent(this.port, "box", new Credentials.BearerToken(agentToken(user)), false);

		agent.abortConnection();

		await().atMost(WAIT).until(() -> agent.connections() == 2 && agent.state() == AgentClient.State.REGISTERED);
		dispatch(user, Map.of("method", "GET", "url", "info"), TestTokens.member(user).build()).expectStatus().isOk();
	}

	private long auditCount(String action, String resourceId) {
		return this.jdbc
			.sql("select count(*) from platform.outbox_event where topic = ? and payload->'data'->>'action' = ?"
					+ " and payload->'data'->>'resourceId' = ?")
			.params(Topics.AUDIT_EVENTS, action, resourceId)
			.query(Long.class)
			.single();
	}

	private static JsonNode resultOf(JsonNode broadcast, String userId) {
		for (JsonNode result : broadcast.path("results")) {
			if (userId.equals(result.path("userId").asString())) {
				return result;
			}
		}
		throw new AssertionError("No result for " + userId + " in " + broadcast);
	}

}
