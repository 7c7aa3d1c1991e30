package dev.warden.command.agent;

import java.util.regex.Pattern;

import org.springframework.web.socket.CloseStatus;

/**
 * The agent protocol, version 1, as the server speaks it: message types and close codes.
 * {@code docs/agents.md} describes it in full.
 */
final class AgentProtocol {

	static final int VERSION = 1;

	/** What an agent's name must look like; a valid target name too. */
	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	static final String AUTH = "auth";

	static final String AUTHENTICATED = "authenticated";

	static final String REGISTER = "register";

	static final String REGISTERED = "registered";

	static final String COMMAND = "command";

	static final String RESULT = "result";

	static final String ERROR = "error";

	static final String PING = "ping";

	static final String PONG = "pong";

	/** The credentials were refused or expired; reconnecting with them will not help. */
	static final int UNAUTHENTICATED = 4401;

	/** The connection did not authenticate and register in time. */
	static final int AUTH_DEADLINE = 4408;

	/** A newer connection registered under the same identity. */
	static final int REPLACED = 4409;

	/** The agent did not answer heartbeats in time. */
	static final int HEARTBEAT = 4410;

	/** The agent kept breaking the protocol. */
	static final int PROTOCOL = 4400;

	/** The user already has as many agents connected as allowed. */
	static final int TOO_MANY_AGENTS = 4429;

	static final CloseStatus REPLACED_STATUS = new CloseStatus(REPLACED,
			"replaced by a newer connection of the same agent");

	static final CloseStatus SHUTDOWN_STATUS = CloseStatus.GOING_AWAY.withReason("server shutting down");

	static CloseStatus tryLater(String reason) {
		return new CloseStatus(1013, reason);
	}

	private AgentProtocol() {
	}

}
