package dev.warden.command.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.agent.AgentClient;
import dev.warden.agent.Credentials;
import dev.warden.agent.LocalCommandHandler;
import dev.warden.sandbox.Sandbox;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One command-service against real PostgreSQL, Kafka and Redis, with a stand-in for
 * auth-service's key exchange, short deadlines and heartbeats. Agents opened by a test
 * are closed after it.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.instance=replica-a", "warden.agents.auth-timeout=2s",
				"warden.agents.allowed-origins=https://console.warden.test", "warden.agents.heartbeat-interval=2s",
				"warden.agents.heartbeat-timeout=40s", "warden.agents.registry-ttl=20s" })
abstract class AgentIntegrationTestSupport {

	static final Duration WAIT = RawAgent.WAIT;

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@TempDir
	Path work;

	private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

	@DynamicPropertySource
	static void authService(DynamicPropertyRegistry registry) {
		registry.add("warden.agents.auth-url", FakeAuthService::url);
	}

	@AfterEach
	void closeAgents() throws Exception {
		List<AutoCloseable> all = new ArrayList<>(this.opened);
		Collections.reverse(all);
		for (AutoCloseable closeable : all) {
			closeable.close();
		}
		this.opened.clear();
	}

	static URI agentsUrl(int port) {
		return URI.create("ws://127.0.0.1:" + port + "/ws/agents");
	}

	URI agentsUrl() {
		return agentsUrl(this.port);
	}

	/** A user id as auth-service issues them: the path's user id must be a UUID. */
	static String newUserId() {
		return UUID.randomUUID().toString();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A token an agent of this user may connect with. */
	static String agentToken(String userId) {
		return TestTokens.member(userId).scope("commands").build();
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * A hand-driven agent of the user, authenticated in the handshake, on this replica.
	 */
	RawAgent raw(String userId) {
		return raw(this.port, userId);
	}

	RawAgent raw(int port, String userId) {
		return open(RawAgent.connect(agentsUrl(port), Map.of(HttpHeaders.AUTHORIZATION, bearer(agentToken(userId)))));
	}

	/** The real agent, registered, running commands in a temporary directory. */
	AgentClient agent(int port, String name, Credentials credentials, boolean authInMessage)
			throws InterruptedException {
		AgentClient.Settings settings = AgentClient.Settings.of(agentsUrl(port), name, credentials)
			.withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
		if (authInMessage) {
			settings = settings.withAuthInMessage();
		}
		AgentClient client = open(new AgentClient(settings,
				new LocalCommandHandler(new Sandbox(), this.work.resolve(name), Duration.ofSeconds(60), null, name)));
		client.start();
		assertThat(client.awaitRegistered(WAIT)).as("agent %s registered", name).isTrue();
		return client;
	}

	<T extends AutoCloseable> T open(T closeable) {
		this.opened.add(closeable);
		return closeable;
	}

	RestTestClient.ResponseSpec dispatch(String userId, Map<String, Object> body, String token) {
		return post("/api/v1/dispatch/" + userId, body, token);
	}

	RestTestClient.ResponseSpec post(String path, Map<String, Object> body, String token) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

}
