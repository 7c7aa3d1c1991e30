package dev.warden.agent;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Answers one command from the server. */
@FunctionalInterface
public interface CommandHandler {

	/**
	 * Handles a command.
	 * @param method the method: {@code EXEC} or an HTTP-like verb
	 * @param url the command's url, if it has one
	 * @param data the command's data, an empty object if it has none
	 * @return the result's fields ({@code exit_code}, {@code stdout}, … or
	 * {@code result}, or {@code error}); the client adds {@code type}, {@code version}
	 * and {@code command_id}
	 * @throws InterruptedException if the agent is stopping
	 */
	ObjectNode handle(String method, @Nullable String url, JsonNode data) throws InterruptedException;

}
