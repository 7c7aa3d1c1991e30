package dev.warden.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The command line and environment a service is started with. */
final class ServiceCommand {

	private ServiceCommand() {
	}

	/**
	 * JVM options for a service on a developer machine: a small heap and the serial
	 * collector, since seven JVMs share the machine; {@code WARDEN_JAVA_OPTS} adds to
	 * them.
	 */
	static List<String> jvmOptions() {
		List<String> options = new ArrayList<>(
				List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
		String extra = System.getenv("WARDEN_JAVA_OPTS");
		if (extra != null && !extra.isBlank()) {
			options.addAll(Arrays.asList(extra.trim().split("\\s+")));
		}
		return options;
	}

	static List<String> command(String java, Path jar, @Nullable Path aotCache) {
		List<String> command = new ArrayList<>();
		command.add(java);
		if (aotCache != null) {
			command.add("-XX:AOTCache=" + aotCache);
		}
		command.addAll(jvmOptions());
		command.add("-jar");
		command.add(jar.toString());
		return command;
	}

	/**
	 * The environment of one service copy: Spring Boot's relaxed binding maps each
	 * variable to a property, exactly as docker-compose.yml and the Kubernetes manifests
	 * do.
	 */
	static Map<String, String> environment(ServiceInstance instance, Settings settings, Secrets secrets) {
		return environment(instance, settings, secrets, (service) -> 1);
	}

	/**
	 * The environment of one service copy, when some services run several copies: the
	 * gateway is given every copy's address, and spreads requests over them.
	 * @param instance the copy
	 * @param settings the launcher's settings
	 * @param secrets the generated secrets
	 * @param replicas how many copies of a service run
	 * @return the environment
	 */
	static Map<String, String> environment(ServiceInstance instance, Settings settings, Secrets secrets,
			java.util.function.ToIntFunction<ServiceSpec> replicas) {
		ServiceSpec service = instance.service();
		int authPort = settings.portOf(ServiceSpec.named("auth-service").orElseThrow(), 0);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", "local");
		environment.put("SERVER_PORT", Integer.toString(instance.port()));
		environment.put("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + service.database());
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		environment.put("SPRING_DATASOURCE_PASSWORD", "");
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + settings.kafkaPort());
		environment.put("WARDEN_KAFKA_PARTITIONS", "3");
		environment.put("WARDEN_REDIS_ADDRESS", "redis://127.0.0.1:" + settings.redisPort());
		environment.put("WARDEN_SECURITY_JWKS_URI", "http://localhost:" + authPort + "/.well-known/jwks.json");
		environment.put("WARDEN_SERVICE_TOKEN_TOKEN_URI", "http://localhost:" + authPort + "/api/v1/auth/token");
		environment.put("WARDEN_SERVICE_TOKEN_CLIENT_ID", service.name());
		environment.put("WARDEN_SERVICE_TOKEN_CLIENT_SECRET", secrets.clientSecret(service));
		environment.put("WARDEN_INSTANCE", instance.name());
		if (service.name().equals("auth-service")) {
			int index = 0;
			for (ServiceSpec client : ServiceSpec.ALL) {
				environment.put("WARDEN_AUTH_SERVICECLIENTS_" + index + "_ID", client.name());
				environment.put("WARDEN_AUTH_SERVICECLIENTS_" + index + "_SECRET", secrets.clientSecret(client));
				index++;
			}
			environment.put("WARDEN_AUTH_TOKEN_HASH_KEY", secrets.tokenHashKey());
			environment.put("WARDEN_AUTH_KEY_ENCRYPTION_KEY", secrets.keyEncryptionKey());
			environment.put("WARDEN_AUTH_DEMO_ADMIN_PASSWORD", secrets.demoAdminPassword());
			environment.put("WARDEN_AUTH_DEMO_MEMBER_PASSWORD", secrets.demoMemberPassword());
		}
		if (service.name().equals("audit-service")) {
			// Key id "local": one key per data directory, made up with it and deleted by
			// --fresh together with the checkpoints it signed (docs/audit.md).
			environment.put("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEY", secrets.checkpointSigningKey());
			environment.put("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID", "local");
		}
		if (service.name().equals("command-service")) {
			int rulesPort = settings.portOf(ServiceSpec.named("rules-service").orElseThrow(), 0);
			environment.put("WARDEN_POLICY_URL", "http://localhost:" + rulesPort);
			environment.put("WARDEN_AGENTS_AUTH_URL", "http://localhost:" + authPort);
			environment.put("WARDEN_EXECUTORS_LOCAL_ROOT", settings.data().resolve("local-executor").toString());
		}
		if (service.name().equals("gateway-service")) {
			// The gateway reaches each service at its first copy's port, and at the
			// others' when it runs several (docs/gateway.md).
			for (ServiceSpec upstream : ServiceSpec.ALL) {
				if (upstream.equals(service)) {
					continue;
				}
				String variable = gatewayServiceVariable(upstream);
				// An address given to the launcher itself wins (a benchmark pointing the
				// gateway at its own origin, a service run elsewhere): the launcher hands
				// its environment to the services, and this map would override it.
				if (System.getenv(variable) == null
						&& System.getenv(variable.replace("LLM_PROXY", "LLMPROXY")) == null) {
					environment.put(variable, "http://localhost:" + settings.portOf(upstream, 0));
					List<String> others = new ArrayList<>();
					for (int copy = 1; copy < replicas.applyAsInt(upstream); copy++) {
						others.add("http://localhost:" + settings.portOf(upstream, copy));
					}
					if (!others.isEmpty()) {
						environment.put(
								variable.replace("WARDEN_GATEWAY_SERVICES_", "WARDEN_GATEWAY_SERVICES_REPLICAS_"),
								String.join(",", others));
					}
				}
			}
		}
		return environment;
	}

	/**
	 * Returns the variable that tells the gateway where a service listens.
	 * @param service the service
	 * @return for example {@code WARDEN_GATEWAY_SERVICES_LLM_PROXY} for llm-proxy-service
	 */
	static String gatewayServiceVariable(ServiceSpec service) {
		String name = service.name().substring(0, service.name().length() - "-service".length());
		return "WARDEN_GATEWAY_SERVICES_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
	}

}
