package dev.warden.command.agent;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.warden.agent.Credentials;
import dev.warden.command.CommandApplication;
import dev.warden.command.execution.ExecutionRequest;
import dev.warden.command.execution.ExecutionResult;
import dev.warden.command.execution.Requester;
import dev.warden.command.execution.Target;
import dev.warden.testsupport.DatabaseDetails;
import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of command-service in one JVM, sharing Kafka and Redis, each with its own
 * database as in production: this test's context ("replica A") and a second application
 * started beside it ("replica B").
 */
class AgentReplicasIntegrationTests extends AgentIntegrationTestSupport {

	private static ConfigurableApplicationContext replicaB;

	@Autowired
	AgentExecutor executor;

	@Autowired
	RedissonClient redisson;

	@BeforeAll
	static void startReplicaB() {
		Infrastructure infrastructure = Infrastructure.get();
		DatabaseDetails database = infrastructure
			.createDatabase("replica_b_" + UUID.randomUUID().toString().substring(0, 8));
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("warden.instance", "replica-b");
		properties.put("warden.security.jwks-uri", TestTokens.jwksUri().toString());
		properties.put("warden.security.issuer", TestTokens.ISSUER);
		properties.put("warden.security.audience", TestTokens.AUDIENCE);
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
		properties.put("warden.redis.address", infrastructure.redisAddress());
		properties.put("warden.agents.auth-url", FakeAuthService.url());
		properties.put("warden.agents.auth-timeout", "2s");
		properties.put("warden.agents.heartbeat-interval", "2s");
		properties.put("warden.agents.heartbeat-timeout", "40s");
		properties.put("warden.agents.registry-ttl", "20s");
		properties.put("spring.main.banner-mode", "off");
		// As arguments, so that they outrank application.yml as the test's own do.
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		replicaB = new SpringApplicationBuilder(CommandApplication.class).profiles("test").run(arguments);
	}

	@AfterAll
	static void stopReplicaB() {
		if (replicaB != null) {
			replicaB.close();
		}
	}

	private static int portB() {
		return Integer.parseInt(replicaB.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static RestTestClient httpB() {
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + portB()).build();
	}

	@Test
	void deliversADispatchAndAnAgentTargetThroughTheReplicaThatHoldsTheAgent() throws Exception {
		String user = newUserId();
		agent(portB(), "far-box", new Credentials.BearerToken(agentToken(user)), false);

		dispatch(user, Map.of("method", "GET", "url", "info"), TestTokens.member(user).build()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("delivered")
			.jsonPath("$.result.name")
			.isEqualTo("far-box");

		Requester requester = new Requester(user, user, false);
		this.executor.authorize(Target.parse("agent:far-box"), requester);
		ExecutionResult result = this.executor.execute(new ExecutionRequest(UUID.randomUUID(), "echo across; exit 4",
				Target.parse("agent:far-box"), requester, Duration.ofSeconds(20)));
		assertThat(result.exitCode()).isEqualTo(4);
		assertThat(result.stdout()).isEqualTo("across\n");
	}

	@Test
	void aNewConnectionOnOneReplicaReplacesAndClosesTheOlderOneOnAnother() throws Exception {
		String user = newUserId();
		RawAgent onB = raw(portB(), user).register("box");
		RawAgent onA = raw(user).register("box");

		RawAgent.Closed closed = onB.awaitClose();
		assertThat(closed.code()).isEqualTo(4409);
		assertThat(closed.reason()).contains("replaced");

		// Replica B, which held the old connection, now reaches the new one on A.
		CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> httpB().post()
			.uri("/api/v1/dispatch/" + user)
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.member(user).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("method", "GET", "url", "info"))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody());
		onA.answer(onA.next("command"), RawAgent.message("result").put("result", "from A"));
		assertThat(answer.join().path("result").asString()).isEqualTo("from A");
		assertThat(onA.isOpen()).isTrue();
	}

	@Test
	void aDisconnectOnTheHoldingReplicaFailsTheWaitingDispatchAtOnce() throws Exception {
		String user = newUserId();
		RawAgent onB = raw(portB(), user).register("flaky");
		long started = System.nanoTime();

		CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(
				() -> dispatch(user, Map.of("method", "GET", "timeoutSeconds", 120), TestTokens.member(user).build())
					.expectStatus()
					.isEqualTo(502)
					.returnResult(JsonNode.class)
					.getResponseBody());
		onB.next("command");
		onB.close();

		assertThat(answer.join().path("type").asString()).isEqualTo("https://warden.dev/problems/agent-disconnected");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
	}

	@Test
	void broadcastsToAgentsOnEveryReplica() throws Exception {
		String userA = newUserId();
		String userB = newUserId();
		agent(this.port, "near", new Credentials.BearerToken(agentToken(userA)), false);
		agent(portB(), "far", new Credentials.BearerToken(agentToken(userB)), false);

		JsonNode broadcast = post("/api/v1/dispatch/broadcast",
				Map.of("method", "GET", "url", "info", "timeoutSeconds", 20), TestTokens.admin("admin-1").build())
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();

		Map<String, String> names = new HashMap<>();
		for (JsonNode result : broadcast.path("results")) {
			if ("delivered".equals(result.path("status").asString())) {
				names.put(result.path("userId").asString(), result.at("/result/name").asString());
			}
		}
		assertThat(names).containsEntry(userA, "near").containsEntry(userB, "far");
	}

	@Test
	void anEntryLeftByADeadReplicaFailsAtOnceAndRunsOut() throws Exception {
		String user = newUserId();
		this.redisson.getBucket("warden:agents:agent:" + user + "/ghost", StringCodec.INSTANCE)
			.set("replica-that-died-1234 connection-1", Duration.ofSeconds(20));
		long started = System.nanoTime();

		dispatch(user, Map.of("method", "GET", "agent", "ghost", "timeoutSeconds", 100),
				TestTokens.member(user).build())
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/agent-not-connected");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));

		// A live agent's entry lives only as long as its replica renews it.
		raw(portB(), user).register("alive");
		long ttl = this.redisson.getBucket("warden:agents:agent:" + user + "/alive", StringCodec.INSTANCE)
			.remainTimeToLive();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(20_000);
	}

}
