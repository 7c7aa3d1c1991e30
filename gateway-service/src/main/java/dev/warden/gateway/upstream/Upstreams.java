package dev.warden.gateway.upstream;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("warden.gateway.services")
public record Upstreams(@NotNull URI auth, @NotNull URI command, @NotNull URI rules, @NotNull URI audit,
		@NotNull URI llmProxy, @NotNull URI terminal) {
}
