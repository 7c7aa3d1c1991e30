package dev.warden.launcher;

import java.util.List;
import java.util.Optional;

/**
 * One of Warden's services, as the launcher runs it.
 *
 * @param name the module and application name
 * @param defaultPort its documented port
 * @param database its own database
 * @param usesRedis whether it needs Redis
 * @param summary one line for the start-up banner
 */
record ServiceSpec(String name, int defaultPort, String database, boolean usesRedis, String summary) {

	/** Every service, in the order they are started and listed. */
	static final List<ServiceSpec> ALL = List.of(
			new ServiceSpec("auth-service", 8081, "warden_auth", true, "users, tokens, API keys"),
			new ServiceSpec("rules-service", 8083, "warden_rules", false, "policy engine"),
			new ServiceSpec("audit-service", 8084, "warden_audit", false, "tamper-evident audit trail"),
			new ServiceSpec("command-service", 8082, "warden_command", true, "commands, approvals, credits, agents"),
			new ServiceSpec("llm-proxy-service", 8085, "warden_llm", true, "OpenAI-compatible LLM proxy"),
			new ServiceSpec("terminal-service", 8086, "warden_terminal", true, "terminals and SSH"),
			new ServiceSpec("gateway-service", 8080, "warden_gateway", true, "the single edge"));

	/**
	 * Finds a service by name.
	 * @param name the name, with or without {@code -service}
	 * @return the service, if there is one by that name
	 */
	static Optional<ServiceSpec> named(String name) {
		return ALL.stream()
			.filter((service) -> service.name().equals(name) || service.name().equals(name + "-service"))
			.findFirst();
	}

	/**
	 * Returns the environment variable that overrides this service's port.
	 * @return for example {@code WARDEN_AUTH_SERVICE_PORT}
	 */
	String portVariable() {
		return "WARDEN_" + this.name.toUpperCase().replace('-', '_') + "_PORT";
	}

}
