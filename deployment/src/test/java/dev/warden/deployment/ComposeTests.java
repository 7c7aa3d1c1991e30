package dev.warden.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against what the services read. There is no Docker engine here, so
 * the file is parsed, merge keys resolved, and every service checked: its build, port,
 * health check, dependencies, memory limit, and every environment variable.
 */
class ComposeTests {

	private static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "redis");

	private static String text;

	private static Map<String, Object> services;

	@BeforeAll
	static void parse() throws IOException {
		text = Files.readString(Repository.root().resolve("docker-compose.yml"));
		services = Yaml.map(Yaml.documents(text).getFirst().get("services"));
	}

	@Test
	void runsTheSevenServicesAndTheInfrastructure() {
		Set<String> expected = new LinkedHashSet<>(INFRASTRUCTURE);
		expected.addAll(WardenService.NAMES);
		assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(Yaml.at(Yaml.map(services.get("postgres")), "image").toString()).startsWith("postgres:17");
		assertThat(Yaml.at(Yaml.map(services.get("redis")), "image").toString()).startsWith("redis:7");
		Map<String, Object> kafka = Yaml.map(services.get("kafka"));
		assertThat(Yaml.at(kafka, "environment.KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller"); // KRaft
		for (String name : INFRASTRUCTURE) {
			assertThat(Yaml.map(services.get(name))).as(name).containsKeys("healthcheck", "mem_limit");
		}
	}

	@Test
	void buildsEachServiceFromTheOneDockerfileAndChecksItsHealth() {
		for (WardenService service : WardenService.all()) {
			Map<String, Object> compose = Yaml.map(services.get(service.name()));
			assertThat(Yaml.at(compose, "build.context")).as(service.name()).isEqualTo(".");
			assertThat(Yaml.at(compose, "build.args.SERVICE")).as(service.name()).isEqualTo(service.name());
			assertThat(compose).as(service.name()).containsKey("mem_limit");
			assertThat(Yaml.at(compose, "environment.SERVER_PORT")).as(service.name()).isEqualTo(service.port());
			assertThat(Yaml.list(compose.get("expose"))).as(service.name()).contains(String.valueOf(service.port()));
			assertThat(Yaml.list(Yaml.at(compose, "healthcheck.test"))).as(service.name())
				.contains("http://localhost:" + service.port() + "/actuator/health/readiness");
			Map<String, Object> dependsOn = Yaml.map(compose.get("depends_on"));
			for (String infrastructure : INFRASTRUCTURE) {
				assertThat(Yaml.at(dependsOn, infrastructure + ".condition"))
					.as(service.name() + " on " + infrastructure)
					.isEqualTo("service_healthy");
			}
			if (!service.name().equals("auth-service")) {
				assertThat(Yaml.at(dependsOn, "auth-service.condition")).as(service.name() + " needs the JWKS")
					.isEqualTo("service_healthy");
			}
			assertThat((String) Yaml.at(compose, "environment.SPRING_DATASOURCE_URL")).as(service.name())
				.isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
			assertThat(compose.containsKey("ports")).as(service.name() + " published")
				.isEqualTo(service.name().equals("gateway-service"));
		}
	}

	@Test
	void setsOnlyVariablesTheServicesRead() {
		List<String> unread = new ArrayList<>();
		for (WardenService service : WardenService.all()) {
			for (String variable : environment(service.name()).keySet()) {
				if (!service.properties().reads(variable)) {
					unread.add(service.name() + ": " + variable);
				}
			}
		}
		assertThat(unread).as("variables no service reads").isEmpty();
	}

	@Test
	void pointsEveryAddressAtTheRightService() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		WardenService.all().forEach((service) -> ports.put(service.name(), service.port()));
		for (WardenService service : WardenService.all()) {
			Map<String, Object> environment = environment(service.name());
			assertThat(environment.get("WARDEN_SECURITY_JWKS_URI"))
				.isEqualTo("http://auth-service:" + ports.get("auth-service") + "/.well-known/jwks.json");
			assertThat(environment.get("WARDEN_SERVICE_TOKEN_CLIENT_ID")).isEqualTo(service.name());
		}
		Map<String, Object> gateway = environment("gateway-service");
		Map<String, String> upstreams = Map.of("AUTH", "auth-service", "COMMAND", "command-service", "RULES",
				"rules-service", "AUDIT", "audit-service", "LLMPROXY", "llm-proxy-service", "TERMINAL",
				"terminal-service");
		upstreams.forEach((key, name) -> assertThat(gateway.get("WARDEN_GATEWAY_SERVICES_" + key)).as(key)
			.isEqualTo("http://" + name + ":" + ports.get(name)));
		assertThat(environment("command-service").get("WARDEN_POLICY_URL"))
			.isEqualTo("http://rules-service:" + ports.get("rules-service"));
	}

	@Test
	void authServiceKnowsEveryServiceClientBySameSecret() {
		Map<String, Object> auth = environment("auth-service");
		for (int index = 0; index < WardenService.NAMES.size(); index++) {
			Object client = auth.get("WARDEN_AUTH_SERVICECLIENTS_" + index + "_ID");
			assertThat(client).as("client " + index).isNotNull();
			Object secret = auth.get("WARDEN_AUTH_SERVICECLIENTS_" + index + "_SECRET");
			assertThat(secret).as(client + "'s secret as auth-service knows it")
				.isEqualTo(environment(client.toString()).get("WARDEN_SERVICE_TOKEN_CLIENT_SECRET"));
		}
	}

	@Test
	void auditServiceSignsCheckpointsWithARequiredKeyFromTheEnvironmentFile() {
		Map<String, Object> audit = environment("audit-service");
		assertThat(audit.get("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEY")).asString()
			.startsWith("${WARDEN_AUDIT_CHECKPOINT_SIGNING_KEY:?set WARDEN_AUDIT_CHECKPOINT_SIGNING_KEY in .env");
		assertThat(audit.get("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID"))
			.isEqualTo("${WARDEN_AUDIT_CHECKPOINT_SIGNING_KEY_ID:-k1}");
		for (WardenService service : WardenService.all()) {
			if (!service.name().equals("audit-service")) {
				assertThat(environment(service.name()).keySet()).as(service.name())
					.noneMatch((variable) -> variable.startsWith("WARDEN_AUDIT_CHECKPOINTS_"));
			}
		}
	}

	@Test
	void takesEverySettingFromTheEnvironmentFileAndNoSecretFromTheRepository() throws IOException {
		Path example = Repository.root().resolve(".env.example");
		Map<String, String> defined = new LinkedHashMap<>();
		for (String line : Files.readAllLines(example)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				defined.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		Matcher references = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?").matcher(text);
		Set<String> referenced = new LinkedHashSet<>();
		while (references.find()) {
			referenced.add(references.group(1));
			if (references.group(1).contains("SECRET") || references.group(1).endsWith("_KEY")
					|| references.group(1).endsWith("PASSWORD")) {
				assertThat(references.group(2)).as(references.group(1) + " must be required (${VAR:?...})")
					.isEqualTo(":?");
			}
		}
		assertThat(defined.keySet()).as("every variable docker-compose.yml uses").containsAll(referenced);
		defined.forEach((name, value) -> {
			if (name.contains("SECRET") || name.endsWith("_KEY") || name.endsWith("PASSWORD")) {
				assertThat(value).as(name + " in .env.example is a placeholder").startsWith("change-me");
			}
		});
		assertThat(Files.readString(Repository.root().resolve(".gitignore")).lines()).contains(".env");
	}

	private static Map<String, Object> environment(String service) {
		return Yaml.map(Yaml.at(Yaml.map(services.get(service)), "environment"));
	}

}
