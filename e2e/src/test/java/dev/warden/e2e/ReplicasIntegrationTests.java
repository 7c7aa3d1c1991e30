package dev.warden.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scaling by replicas:
 * {@code ./warden up --replicas command-service=2,gateway-service=2}. An agent connected
 * (through one gateway) to one command-service replica receives what is sent through the
 * other gateway and the other replica, and a rate limit holds across the two gateways,
 * which share Redis. Last, {@code ./warden down} from another terminal stops all of it.
 */
@ExtendWith(Suite.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Last of all classes (junit-platform.properties orders them by @Order): it ends the
// suite with ./warden down.
@Order(Integer.MAX_VALUE)
class ReplicasIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Suite suite;

	@BeforeAll
	static void suite(Suite running) {
		suite = running;
	}

	@Test
	@Order(1)
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
	@Order(2)
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

	/**
	 * {@code ./warden down} from another terminal stops every copy of every service, the
	 * launcher and PostgreSQL, frees the ports and removes the state file. It ends the
	 * suite, so it runs last.
	 */
	@Test
	@Order(3)
	void downFromAnotherTerminalStopsEveryReplicaAndTheInfrastructure() throws Exception {
		Map<String, Long> recorded = suite.recordedProcesses();
		assertThat(recorded.keySet()).as("what ./warden up recorded")
			.filteredOn((key) -> key.startsWith("service."))
			.hasSize(7);
		assertThat(recorded).containsKeys("launcher.pid", "postgres.pid");
		List<Integer> ports = List.of(suite.gatewayPort(), suite.gatewayPort() + Suite.REPLICA_PORT_STEP,
				suite.servicePort("COMMAND", 0), suite.servicePort("COMMAND", 1), suite.servicePort("AUTH", 0),
				suite.servicePort("RULES", 0), suite.servicePort("AUDIT", 0));

		assertThat(suite.down()).isZero();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			recorded.forEach(
					(key, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("%s %d", key, pid)
						.isNotEqualTo(Optional.of(true)));
			for (int port : ports) {
				assertThat(listening(port)).as("port %d", port).isFalse();
			}
		});
		assertThat(suite.stateFile()).doesNotExist();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
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
