package dev.warden.gateway.websocket;

import java.util.Map;

import dev.warden.platform.observability.RequestIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps a WebSocket handshake's request id for the relay, as {@code OutboundHeaders} does
 * for HTTP: the id the platform's request id filter accepted from the client or made up.
 * The relay opens the upstream WebSocket later, on another thread, after the filter has
 * cleared the logging context; so the id is taken now, while the handshake is still
 * inside the filter, and kept with the session. The client gets the same id back in the
 * handshake response ({@code 101} or a refusal).
 */
final class HandshakeRequestId implements HandshakeInterceptor {

	/** Session attribute: the handshake's request id. */
	static final String ATTRIBUTE = "warden.relay.request-id";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId == null) {
			// Not behind the platform's filter (it always sets the MDC): decide here.
			requestId = RequestIds.accept(request.getHeaders().getFirst(RequestIds.HEADER));
		}
		attributes.put(ATTRIBUTE, requestId);
		// The platform's filter set it on the servlet response already; the same value
		// again, in case it did not run.
		if (response instanceof ServletServerHttpResponse servlet) {
			servlet.getServletResponse().setHeader(RequestIds.HEADER, requestId);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

	/**
	 * The request id of a relayed session.
	 * @param attributes the session's attributes
	 * @return the id, or {@code null} when the handshake was not seen (never in practice)
	 */
	static @Nullable String of(Map<String, Object> attributes) {
		return (attributes.get(ATTRIBUTE) instanceof String id) ? id : null;
	}

}
