package dev.warden.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scaling by replicas:
 * {@code ./warden up --replicas command-service=2,gateway-service=2}. An agent connected
 * (through one gateway) to one command-service replica receives what is sent through the
 * other gateway and the other replica, and a rate limit holds across the two gateways,
 * which share Redis.
 */
class ReplicasIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Suite suite;

	@BeforeAll
	static void start() throws Exception {
		suite = new Suite("auth,rules,command,gateway", "command-service=2,gateway-service=2");
	}

	@AfterAll
	static void stop() throws Exception {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void anAgentOnOneReplicaAnswersWhatIsSentThroughTheOtherGatewayAndReplica() throws Exception {
		Edge first = suite.edge();
		Edge second = new Edge(suite.gatewayPort() + Suite.REPLICA_PORT_STEP);
		String unique = Long.toString(System.nanoTime(), 36);
		String token = register(first, "replicas-" + unique);
		String userId = first.get("/api/v1/auth/me", Edge.bearer(token)).body().path("user").path("id").asString();

		// The relay connects the agent to the first command-service replica.
		try (TestAgent agent = TestAgent.register(suite.gatewayPort(), token, "box-" + unique,
				(command) -> JSON.createObjectNode().put("echo", command.path("url").asString()))) {
			// The second gateway sends command-service requests to both replicas in turn.
			for (int i = 0; i < 4; i++) {
				Response sent = second.post("/send-command/" + userId, Map.of("method", "GET", "url", "call-" + i),
						Edge.bearer(token));
				assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
				assertThat(sent.body().path("result").path("echo").asString()).isEqualTo("call-" + i);
			}
		}
		// The agent was registered on the first replica only, and the second replica took
		// some of the dispatches: they crossed replicas through Redis.
		assertThat(metric(suite.servicePort("COMMAND", 1), "http_server_requests_seconds_count",
				"uri=\"/api/v1/dispatch/{userId}\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(metric(suite.servicePort("COMMAND", 1), "warden_agents_connected", "")).isZero();
	}

	@Test
	void aLimitHoldsAcrossBothGateways() throws Exception {
		Edge first = suite.edge();
		String token = register(first, "limited-" + Long.toString(System.nanoTime(), 36));
		// A Free user's AI requests: 10 a day, so nothing refills during the test. No
		// llm-proxy runs here: what the limit lets through fails upstream (503), what it
		// stops is 429.
		HttpClient http = HttpClient.newHttpClient();
		List<Future<Integer>> statuses = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 40; i++) {
				int port = suite.gatewayPort() + ((i % 2 == 0) ? 0 : Suite.REPLICA_PORT_STEP);
				statuses.add(clients.submit(
						() -> http
							.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ai/suggest"))
								.header("Authorization", "Bearer " + token)
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode()));
			}
		}
		int limited = 0;
		for (Future<Integer> status : statuses) {
			if (status.get() == 429) {
				limited++;
			}
		}
		assertThat(40 - limited).as("requests let through by the two gateways together").isEqualTo(10);
	}

	private static String register(Edge edge, String username) {
		return edge.registerAndSignIn(username, "a passphrase long enough for the policy " + System.nanoTime());
	}

	/**
	 * Sums a Prometheus metric's samples whose labels contain {@code label} (labels may
	 * hold braces themselves, as in {@code uri="/api/v1/dispatch/{userId}"}).
	 */
	private static double metric(int port, String name, String label) throws Exception {
		String scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		double sum = 0;
		Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{.*\\})? ([0-9.eE+-]+)$").matcher(scrape);
		while (samples.find()) {
			if (label.isEmpty() || (samples.group(1) != null && samples.group(1).contains(label))) {
				sum += Double.parseDouble(samples.group(2));
			}
		}
		return sum;
	}

}
