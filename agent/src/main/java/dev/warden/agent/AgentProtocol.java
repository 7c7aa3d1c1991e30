package dev.warden.agent;

import java.util.regex.Pattern;

/**
 * The agent protocol, version 1, as the agent speaks it; {@code docs/agents.md} describes
 * it in full.
 */
public final class AgentProtocol {

	/** The protocol version every message carries. */
	public static final int VERSION = 1;

	/**
	 * What an agent's name must look like; it is also the name in {@code agent:<name>}.
	 */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** The server refused the credentials, or they expired. */
	public static final int CLOSE_UNAUTHENTICATED = 4401;

	/** The agent did not authenticate and register in time. */
	public static final int CLOSE_AUTH_DEADLINE = 4408;

	/** A newer connection registered under the same name. */
	public static final int CLOSE_REPLACED = 4409;

	/** The agent did not answer heartbeats. */
	public static final int CLOSE_HEARTBEAT = 4410;

	/** The agent broke the protocol beyond repair (for example, an invalid name). */
	public static final int CLOSE_PROTOCOL = 4400;

	/**
	 * The user already has as many agents connected as the server allows; the agent
	 * reconnects with back-off, so it gets in once another of the user's agents leaves.
	 */
	public static final int CLOSE_TOO_MANY_AGENTS = 4429;

	/** The server cannot take the agent right now (RFC 6455 "try again later"). */
	public static final int CLOSE_TRY_LATER = 1013;

	/**
	 * The exit status of a command the local allow-list refused (as a shell's "cannot
	 * execute").
	 */
	public static final int EXIT_REFUSED = 126;

	private AgentProtocol() {
	}

	/**
	 * Whether reconnecting after this close code can work.
	 * @param code the close code
	 * @return {@code false} when the server refused the credentials or another agent took
	 * the name, since reconnecting would fail again or take the name back
	 */
	public static boolean isFatal(int code) {
		return code == CLOSE_UNAUTHENTICATED || code == CLOSE_REPLACED || code == CLOSE_PROTOCOL;
	}

}
