package dev.warden.gateway.websocket;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.gateway.identity.ApiKeyExchange;
import dev.warden.gateway.upstream.RoundRobin;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.platform.problem.HandshakeProblemFilter;
import dev.warden.platform.problem.Problems;
import dev.warden.platform.security.AuthorizeRequestsCustomizer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The WebSocket routes and their relay. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(WebSocketRelayProperties.class)
class WebSocketRelayConfiguration {

	static final String AGENTS = "/ws/agents";

	static final String TERMINAL = "/ws/terminal";

	/**
	 * The handshakes pass Spring Security anonymously: a connection may authenticate with
	 * its first message, which the relay checks itself. Credentials in the handshake are
	 * still verified by the chain (an invalid token is a 401).
	 */
	@Bean
	AuthorizeRequestsCustomizer webSocketHandshakes() {
		return (requests) -> requests.requestMatchers(AGENTS, TERMINAL).permitAll();
	}

	/** A refused handshake is answered with a problem, like any other HTTP request. */
	@Bean
	FilterRegistrationBean<HandshakeProblemFilter> webSocketHandshakeProblems(Problems problems) {
		return HandshakeProblemFilter.registration(problems, AGENTS, TERMINAL);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService webSocketRelayTimers() {
		return Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ws-relay-timer").daemon().factory());
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer(WebSocketRelayProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int max = (int) properties.maxMessageSize().toBytes();
		container.setMaxTextMessageBufferSize(max);
		container.setMaxBinaryMessageBufferSize(max);
		container.setAsyncSendTimeout(properties.sendTimeout().toMillis());
		return container;
	}

	@Bean
	WebSocketConfigurer webSocketRelays(Upstreams upstreams, JwtDecoder decoder, ApiKeyExchange keys,
			WebSocketRelayProperties properties, ScheduledExecutorService webSocketRelayTimers, MeterRegistry meters,
			JsonMapper json) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
		EdgeCredentials credentials = new EdgeCredentials(decoder, keys);
		HandshakeAuthenticator authenticator = new HandshakeAuthenticator(credentials);
		HandshakeRequestId requestIds = new HandshakeRequestId();
		RelayHandler agents = new RelayHandler(AGENTS, new RoundRobin(upstreams.all("command")), http, credentials,
				properties, webSocketRelayTimers, gauge(meters, "agents"), json, true);
		RelayHandler terminal = new RelayHandler(TERMINAL, new RoundRobin(upstreams.all("terminal")), http, credentials,
				properties, webSocketRelayTimers, gauge(meters, "terminal"), json, false);
		String[] origins = properties.allowedOrigins().toArray(String[]::new);
		return (registry) -> {
			for (RelayHandler handler : new RelayHandler[] { agents, terminal }) {
				registry.addHandler(handler, handler.route())
					.addInterceptors(requestIds, authenticator)
					.setAllowedOriginPatterns(origins);
			}
		};
	}

	private static AtomicInteger gauge(MeterRegistry meters, String route) {
		AtomicInteger open = new AtomicInteger();
		Gauge.builder("warden.gateway.websocket.relays", open, AtomicInteger::get)
			.description("Open WebSocket relays")
			.tag("route", route)
			.register(meters);
		return open;
	}

}
