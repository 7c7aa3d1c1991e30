package dev.warden.command.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/** Hands the events of {@code /ws/agents} to {@link AgentSessions}. */
@Component
class AgentWebSocketHandler extends AbstractWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(AgentWebSocketHandler.class);

	private final AgentSessions sessions;

	AgentWebSocketHandler(AgentSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Object principal = session.getAttributes().get(AgentHandshakeInterceptor.PRINCIPAL);
		Object address = session.getAttributes().get(AgentHandshakeInterceptor.CLIENT_ADDRESS);
		this.sessions.opened(session, (principal instanceof AgentPrincipal agent) ? agent : null,
				(address instanceof String text) ? text : null);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		this.sessions.received(session, message.getPayload());
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		this.sessions.binaryReceived(session);
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		this.sessions.pong(session);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("Agent connection failed", exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.closed(session, status);
	}

}
