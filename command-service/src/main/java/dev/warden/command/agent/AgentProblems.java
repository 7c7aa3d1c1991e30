package dev.warden.command.agent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;
import dev.warden.platform.problem.ProblemTypes;

import org.springframework.http.HttpStatus;

/** The problems the agent endpoints answer with, besides the platform's. */
final class AgentProblems {

	/** The user has no agent connected, or none of the given name. */
	static final ProblemType AGENT_NOT_CONNECTED = new ProblemType("agent-not-connected", HttpStatus.NOT_FOUND,
			"No such agent is connected");

	/** The user has several agents connected and the request did not say which. */
	static final ProblemType AGENT_AMBIGUOUS = new ProblemType("agent-ambiguous", HttpStatus.CONFLICT,
			"Several agents are connected; name one");

	/** The agent did not answer within the time limit. */
	static final ProblemType AGENT_TIMEOUT = new ProblemType("agent-timeout", HttpStatus.GATEWAY_TIMEOUT,
			"The agent did not answer in time");

	/** The agent's connection ended before it answered. */
	static final ProblemType AGENT_DISCONNECTED = new ProblemType("agent-disconnected", HttpStatus.BAD_GATEWAY,
			"The agent disconnected before answering");

	private AgentProblems() {
	}

	static ProblemException notConnected(AgentId agent) {
		return new ProblemException(AGENT_NOT_CONNECTED,
				"User " + agent.userId() + " has no agent named '" + agent.name() + "' connected.")
			.with("userId", agent.userId())
			.with("agent", agent.name());
	}

	static ProblemException noneConnected(String userId) {
		return new ProblemException(AGENT_NOT_CONNECTED, "User " + userId + " has no agent connected.").with("userId",
				userId);
	}

	static ProblemException ambiguous(String userId, List<String> names) {
		return new ProblemException(AGENT_AMBIGUOUS,
				"User " + userId + " has " + names.size()
						+ " agents connected; send \"agent\" with the name of the one to use.")
			.with("userId", userId)
			.with("agents", names);
	}

	static ProblemException timeout(AgentId agent, UUID commandId, Duration timeout) {
		return new ProblemException(AGENT_TIMEOUT,
				"Agent '" + agent.name() + "' did not answer within " + timeout.toSeconds()
						+ " s; it may still run the command, and its late answer is ignored.")
			.with("commandId", commandId)
			.with("agent", agent.name());
	}

	static ProblemException disconnected(AgentId agent, UUID commandId) {
		return new ProblemException(AGENT_DISCONNECTED,
				"Agent '" + agent.name() + "' disconnected before it answered; whether the command ran is unknown.")
			.with("commandId", commandId)
			.with("agent", agent.name());
	}

	static ProblemException execRefused() {
		return new ProblemException(ProblemTypes.UNPROCESSABLE,
				"Shell commands (method EXEC) are not dispatched directly: submit them to POST /api/v1/commands"
						+ " with target agent:<name>, where the policy judges them.");
	}

}
