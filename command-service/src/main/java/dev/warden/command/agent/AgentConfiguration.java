package dev.warden.command.agent;

import java.util.UUID;

import dev.warden.platform.security.AuthorizeRequestsCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

	/** The agent endpoint. */
	static final String ENDPOINT = "/ws/agents";

	/**
	 * The handshake passes the filter chain without a token because an agent may
	 * authenticate in its first message; a bearer token in the handshake is still checked
	 * by the chain, and every other case by {@link AgentHandshakeInterceptor} and the
	 * deadline.
	 */
	@Bean
	AuthorizeRequestsCustomizer agentEndpointAuthorization() {
		return (requests) -> requests.requestMatchers(ENDPOINT).permitAll();
	}

	/**
	 * Built rather than scanned, so that this feature's client does not depend on where
	 * (or whether) the service enables Feign scanning.
	 */
	@Bean
	AuthServiceClient authServiceClient(ApplicationContext context, AgentProperties properties) {
		return new FeignClientBuilder(context).forType(AuthServiceClient.class, "auth-service")
			.url(properties.authUrl().toString())
			.dismiss404(true)
			.build();
	}

	@Bean
	AgentReplica agentReplica(@Value("${warden.instance:${spring.application.name}}") String instance) {
		return new AgentReplica(instance + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

}
