package dev.warden.command.agent;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a command sent to an agent ended.
 *
 * @param status whether the agent answered
 * @param message the agent's {@code result} message when it did
 */
record AgentReply(Status status, @Nullable JsonNode message) {

	static AgentReply delivered(JsonNode message) {
		return new AgentReply(Status.DELIVERED, message);
	}

	static AgentReply of(Status status) {
		return new AgentReply(status, null);
	}

	/** Whether the agent answered; these are the outcomes the metrics count. */
	enum Status {

		/** The agent answered. */
		DELIVERED,

		/** The agent did not answer in time. */
		TIMEOUT,

		/** The agent's connection ended first. */
		DISCONNECTED,

		/** No such agent was connected anywhere. */
		NOT_CONNECTED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Status fromTag(String tag) {
			return valueOf(tag.toUpperCase(Locale.ROOT));
		}

	}

}
