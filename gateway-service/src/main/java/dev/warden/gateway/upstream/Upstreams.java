package dev.warden.gateway.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services behind the gateway listen ({@code warden.gateway.services.*}, for
 * example {@code WARDEN_GATEWAY_SERVICES_COMMAND=http://command-service:8082}). One base
 * URI per service; with several replicas this is the address of their load balancer (a
 * Kubernetes Service, or the list {@code ./warden up --replicas} hands out).
 *
 * @param auth auth-service
 * @param command command-service
 * @param rules rules-service
 * @param audit audit-service
 * @param llmProxy llm-proxy-service
 * @param terminal terminal-service
 * @param replicas more copies of a service, by service name ({@code command},
 * {@code llm-proxy}, ...), each a base URI: the routes spread requests over the service's
 * address above and these, in turn. For {@code ./warden up --replicas}; behind a
 * Kubernetes Service or another load balancer, leave it empty.
 */
@Validated
@ConfigurationProperties("warden.gateway.services")
public record Upstreams(@NotNull URI auth, @NotNull URI command, @NotNull URI rules, @NotNull URI audit,
		@NotNull URI llmProxy, @NotNull URI terminal, @DefaultValue Map<String, List<URI>> replicas) {

	/**
	 * Returns every address of a service: its own first, then its replicas.
	 * @param service the service's name as the routes know it ({@code auth},
	 * {@code command}, {@code rules}, {@code audit}, {@code llm-proxy}, {@code terminal})
	 * @return the addresses, never empty
	 */
	public List<URI> all(String service) {
		List<URI> all = new ArrayList<>();
		all.add(switch (service) {
			case "auth" -> this.auth;
			case "command" -> this.command;
			case "rules" -> this.rules;
			case "audit" -> this.audit;
			case "llm-proxy" -> this.llmProxy;
			case "terminal" -> this.terminal;
			default -> throw new IllegalArgumentException("No service " + service);
		});
		// An environment variable names the key without its dash (LLMPROXY or LLM_PROXY).
		String wanted = normalized(service);
		this.replicas.forEach((name, addresses) -> {
			if (normalized(name).equals(wanted)) {
				all.addAll(addresses);
			}
		});
		return List.copyOf(all);
	}

	private static String normalized(String name) {
		return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
	}

}
