package dev.warden.command.agent;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One command for an agent, seed 001's {@code {command_id, method, url, data}}.
 *
 * @param commandId echoed back in the agent's result
 * @param method {@code EXEC} for a shell command, or an HTTP-like verb the agent
 * interprets
 * @param url what the method applies to, if anything
 * @param data the method's arguments
 */
record AgentCommand(UUID commandId, String method, @Nullable String url, @Nullable JsonNode data) {

	ObjectNode toMessage(JsonMapper json) {
		ObjectNode message = json.createObjectNode();
		message.put("type", AgentProtocol.COMMAND);
		message.put("version", AgentProtocol.VERSION);
		message.put("command_id", this.commandId.toString());
		message.put("method", this.method);
		if (this.url != null) {
			message.put("url", this.url);
		}
		else {
			message.putNull("url");
		}
		message.set("data", (this.data != null) ? this.data : json.createObjectNode());
		return message;
	}

	static AgentCommand fromMessage(JsonNode message) {
		JsonNode url = message.path("url");
		JsonNode data = message.get("data");
		return new AgentCommand(UUID.fromString(message.path("command_id").asString()),
				message.path("method").asString(), url.isString() ? url.stringValue() : null,
				(data != null && !data.isNull()) ? data : null);
	}

}
