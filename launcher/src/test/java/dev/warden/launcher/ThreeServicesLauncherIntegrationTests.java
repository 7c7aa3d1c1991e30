package dev.warden.launcher;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.warden.launcher.WardenHome.Launched;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * One launcher, as {@code ./warden up --only auth,rules,command} starts it, serves two
 * checks in turn: a member's command across the three services, then
 * {@code ./warden down} from another terminal stopping all of it. Starting the suite
 * takes most of the time, so both share one start; the order is fixed because the second
 * check ends the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServicesLauncherIntegrationTests {

	private WardenHome home;

	private Launched launched;

	/** The home lives as long as the class: a {@code @BeforeAll} parameter. */
	@BeforeAll
	void up(@TempDir Path directory) throws Exception {
		for (String service : List.of("auth", "rules", "command")) {
			assumeThat(WardenHome.ROOT.resolve(service + "-service/target/" + service + "-service.jar"))
				.as("the services must be packaged first (./mvnw verify does this)")
				.exists();
		}
		this.home = new WardenHome(directory);
		this.launched = this.home.launch("up", "--only", "auth,rules,command", "--no-aot");
		this.launched.awaitOutput("Warden is running", Duration.ofMinutes(6));
	}

	@AfterAll
	void down() throws Exception {
		// Only when a check failed before ./warden down stopped the suite.
		if (this.launched != null && this.launched.process().isAlive()) {
			this.home.run("down");
			this.launched.process().waitFor(1, TimeUnit.MINUTES);
		}
	}

	/**
	 * The main flow across real processes: auth-service signs the member in,
	 * command-service asks rules-service (with a service token from auth-service) and
	 * runs what the default pack allows in the local sandbox, and refuses what it blocks.
	 */
	@Test
	@Order(1)
	void runsAMemberCommandThroughAuthRulesAndCommandServices() throws Exception {
		Properties secrets = new Properties();
		try (var in = Files.newInputStream(this.home.path().resolve("data/secrets.properties"))) {
			secrets.load(in);
		}
		HttpClient http = HttpClient.newHttpClient();
		String form = "grant_type=password&username=johndoe&password="
				+ URLEncoder.encode(secrets.getProperty("demo.member.password"), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.home.port("AUTH") + "/api/v1/auth/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(200);
		String token = signedIn.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

		HttpResponse<String> ran = submit(http, token, "echo journey");
		assertThat(ran.statusCode()).as(ran.body()).isEqualTo(201);
		assertThat(ran.body()).contains("\"status\":\"SUCCEEDED\"", "\"stdout\":\"journey\\n\"",
				"\"settlement\":\"CHARGED\"");

		HttpResponse<String> blocked = submit(http, token, "rm -rf /");
		assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(403);
		assertThat(blocked.body()).contains("command-blocked");
	}

	@Test
	@Order(2)
	void downFromAnotherTerminalStopsARunningLauncher() throws Exception {
		List<Long> pids = new ArrayList<>();
		this.home.serviceProcesses().forEach((service) -> pids.add(service.pid()));
		assertThat(pids).hasSize(3);
		pids.add(this.home.postgresPid());

		assertThat(this.home.run("down")).isZero();

		assertThat(this.launched.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
		this.home.assertNothingRunning(pids);
		assertThat(this.home.path().resolve("state.properties")).doesNotExist();
	}

	private HttpResponse<String> submit(HttpClient http, String token, String command) throws Exception {
		return http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.home.port("COMMAND") + "/api/v1/commands"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"" + command + "\", \"target\": \"local\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
