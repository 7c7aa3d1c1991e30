package dev.warden.command.agent;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import dev.warden.platform.problem.HandshakeProblemFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Checks the handshake of {@code /ws/agents}: a present {@code Origin} must be on the
 * allow-list (browsers always send one; agents send none), and credentials in the
 * handshake, if any, must be good. A handshake without credentials is let through: the
 * first message has to authenticate instead, within the deadline.
 */
@Component
class AgentHandshakeInterceptor implements HandshakeInterceptor {

	static final String PRINCIPAL = AgentHandshakeInterceptor.class.getName() + ".principal";

	static final String CLIENT_ADDRESS = AgentHandshakeInterceptor.class.getName() + ".clientAddress";

	/** The header an API key comes in, as at the gateway. */
	static final String API_KEY_HEADER = "X-API-Key";

	private static final Logger log = LoggerFactory.getLogger(AgentHandshakeInterceptor.class);

	private final Set<String> allowedOrigins;

	private final AgentAuthenticator authenticator;

	private final AgentMetrics metrics;

	AgentHandshakeInterceptor(AgentProperties properties, AgentAuthenticator authenticator, AgentMetrics metrics) {
		this.allowedOrigins = Set.copyOf(properties.allowedOrigins());
		this.authenticator = authenticator;
		this.metrics = metrics;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String origin = request.getHeaders().getOrigin();
		if (origin != null && !this.allowedOrigins.contains(origin)) {
			log.info("Refused an agent handshake from origin {}", origin);
			this.metrics.handshake("origin_refused");
			refuse(request, response, HttpStatus.FORBIDDEN, "Agent connections from this Origin are not allowed.");
			return false;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null && remote.getAddress() != null) {
			attributes.put(CLIENT_ADDRESS, remote.getAddress().getHostAddress());
		}
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		String apiKey = request.getHeaders().getFirst(API_KEY_HEADER);
		if (authorization == null && apiKey == null) {
			return true;
		}
		try {
			AgentPrincipal principal = authenticate(authorization, apiKey);
			attributes.put(PRINCIPAL, principal);
			this.metrics.handshake("accepted");
			return true;
		}
		catch (AgentAuthenticator.Refused ex) {
			this.metrics.handshake("unauthenticated");
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			refuse(request, response, HttpStatus.UNAUTHORIZED, "The credentials in the handshake are not valid.");
			return false;
		}
		catch (AgentAuthenticator.Unavailable ex) {
			this.metrics.handshake("unavailable");
			refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"The credentials could not be checked because auth-service did not answer; try again shortly.");
			return false;
		}
	}

	/**
	 * Refuses the handshake; {@link HandshakeProblemFilter} turns the status and detail
	 * into a problem body.
	 */
	private static void refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status,
			String detail) {
		if (request instanceof ServletServerHttpRequest servlet) {
			servlet.getServletRequest().setAttribute(HandshakeProblemFilter.DETAIL, detail);
		}
		response.setStatusCode(status);
	}

	private AgentPrincipal authenticate(@Nullable String authorization, @Nullable String apiKey) {
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				throw new AgentAuthenticator.Refused("only bearer tokens are accepted");
			}
			return this.authenticator.token(authorization.substring(7).trim());
		}
		return this.authenticator.apiKey(apiKey);
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
