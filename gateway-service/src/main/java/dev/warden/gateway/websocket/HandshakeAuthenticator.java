package dev.warden.gateway.websocket;

import java.util.Map;
import java.util.Optional;

import dev.warden.gateway.identity.EdgeIdentityFilter;
import dev.warden.platform.problem.HandshakeProblemFilter;
import dev.warden.platform.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authenticates a WebSocket handshake at the edge. {@code Authorization: Bearer <jwt>},
 * {@code Authorization: Bearer <api key>} and {@code X-API-Key} were already handled by
 * the HTTP filters (an API key exchanged, the JWT verified by Spring Security); a
 * {@code token} query parameter (browsers cannot set headers on a WebSocket) is verified
 * here. Bad credentials answer 401 and no WebSocket opens; auth-service unreachable
 * answers 503. A handshake without credentials opens, and must authenticate with its
 * first message.
 */
final class HandshakeAuthenticator implements HandshakeInterceptor {

	/** Session attribute: the verified JWT from the handshake. */
	static final String TOKEN = "warden.relay.token";

	/** Session attribute: the API key the token was exchanged for, if it was. */
	static final String API_KEY = "warden.relay.api-key";

	private final EdgeCredentials credentials;

	HandshakeAuthenticator(EdgeCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			attributes.put(TOKEN, jwt.getToken().getTokenValue());
			if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest()
				.getAttribute(EdgeIdentityFilter.API_KEY_ATTRIBUTE) instanceof String key) {
				attributes.put(API_KEY, key);
			}
			return true;
		}
		String queryToken = queryToken(request);
		if (queryToken == null) {
			return true; // first-message authentication
		}
		Optional<String> verified;
		try {
			verified = this.credentials.verify(queryToken);
		}
		catch (ProblemException ex) {
			refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"The token could not be checked because auth-service did not answer; try again shortly.");
			return false;
		}
		if (verified.isEmpty()) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			refuse(request, response, HttpStatus.UNAUTHORIZED, "The token in the handshake is not valid.");
			return false;
		}
		attributes.put(TOKEN, verified.get());
		if (!EdgeIdentityFilter.isJwt(queryToken)) {
			attributes.put(API_KEY, queryToken);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
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

	private static @Nullable String queryToken(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest http = servlet.getServletRequest();
			return http.getParameter("token");
		}
		return null;
	}

}
