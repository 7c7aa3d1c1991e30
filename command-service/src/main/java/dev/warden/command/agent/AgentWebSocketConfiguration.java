package dev.warden.command.agent;

import dev.warden.platform.problem.HandshakeProblemFilter;
import dev.warden.platform.problem.Problems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class AgentWebSocketConfiguration implements WebSocketConfigurer {

	private final AgentWebSocketHandler handler;

	private final AgentHandshakeInterceptor handshake;

	private final AgentProperties properties;

	AgentWebSocketConfiguration(AgentWebSocketHandler handler, AgentHandshakeInterceptor handshake,
			AgentProperties properties) {
		this.handler = handler;
		this.handshake = handshake;
		this.properties = properties;
	}

	/** A refused handshake is answered with a problem, like any other HTTP request. */
	@Bean
	FilterRegistrationBean<HandshakeProblemFilter> agentHandshakeProblems(Problems problems) {
		return HandshakeProblemFilter.registration(problems, AgentConfiguration.ENDPOINT);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		WebSocketHandlerRegistration registration = registry.addHandler(this.handler, AgentConfiguration.ENDPOINT)
			.addInterceptors(this.handshake);
		if (!this.properties.allowedOrigins().isEmpty()) {
			// Spring's own origin check must let the listed origins through too; ours
			// is stricter (no same-origin exception) and runs as well.
			registration.setAllowedOrigins(this.properties.allowedOrigins().toArray(String[]::new));
		}
	}

}
