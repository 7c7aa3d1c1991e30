package dev.warden.command.agent;

import java.time.Duration;

import dev.warden.command.execution.ExecutionFailedException;
import dev.warden.command.execution.ExecutionRequest;
import dev.warden.command.execution.ExecutionResult;
import dev.warden.command.execution.Executor;
import dev.warden.command.execution.Requester;
import dev.warden.command.execution.Target;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Runs commands on the requester's own agents: target {@code agent:<name>} is the agent
 * named {@code name} of the user who submits the command, administrators included, on
 * whichever replica it is connected.
 */
@Component
public class AgentExecutor implements Executor {

	/** The kind of target this executor serves. */
	public static final String KIND = "agent";

	static final String VIA = "executor";

	/** A custom agent's output beyond this is cut, as the Warden agent's would be. */
	static final int OUTPUT_CAP = 64 * 1024;

	private final AgentDispatcher dispatcher;

	private final AgentProperties properties;

	private final JsonMapper json;

	AgentExecutor(AgentDispatcher dispatcher, AgentProperties properties, JsonMapper json) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void authorize(Target target, Requester requester) {
		if (target.name().isEmpty() || !AgentProtocol.NAME.matcher(target.name()).matches()) {
			throw new ProblemException(ProblemTypes.UNPROCESSABLE,
					"Name one of your agents: the target is agent:<name>, where name is what the agent registered.");
		}
		if (!this.dispatcher.isConnected(new AgentId(requester.userId(), target.name()))) {
			throw new ProblemException(ProblemTypes.UNPROCESSABLE,
					"You have no agent named '" + target.name() + "' connected; start warden-agent with --name "
							+ target.name() + ", or list your agents at GET /api/v1/agents.")
				.with("agent", target.name());
		}
	}

	@Override
	public ExecutionResult execute(ExecutionRequest request) throws ExecutionFailedException, InterruptedException {
		AgentId agent = new AgentId(request.requester().userId(), request.target().name());
		ObjectNode data = this.json.createObjectNode()
			.put("command", request.command())
			.put("timeout_seconds", seconds(request.timeout()));
		AgentCommand command = new AgentCommand(request.commandId(), "EXEC", null, data);
		AgentReply reply;
		try {
			reply = this.dispatcher.send(agent, command, request.timeout().plus(this.properties.execGrace()), VIA);
		}
		catch (ProblemException | IllegalStateException ex) {
			throw new ExecutionFailedException("The agent could not be reached.", ex);
		}
		return switch (reply.status()) {
			case DELIVERED -> result(agent, reply.message());
			case TIMEOUT -> throw new ExecutionFailedException("Agent '" + agent.name() + "' did not report within "
					+ seconds(request.timeout().plus(this.properties.execGrace())) + " s.");
			case DISCONNECTED -> throw new ExecutionFailedException(
					"Agent '" + agent.name() + "' disconnected before it reported how the command ended.");
			case NOT_CONNECTED -> throw new ExecutionFailedException("Agent '" + agent.name() + "' is not connected.");
		};
	}

	private static ExecutionResult result(AgentId agent, JsonNode message) throws ExecutionFailedException {
		if (message == null || !message.path("exit_code").isIntegralNumber()) {
			String error = (message != null && message.path("error").isString()) ? message.get("error").stringValue()
					: "it reported no exit code";
			throw new ExecutionFailedException("Agent '" + agent.name() + "' did not run the command: " + error);
		}
		String stdout = message.path("stdout").asString("");
		String stderr = message.path("stderr").asString("");
		boolean truncated = message.path("output_truncated").asBoolean(false) || stdout.length() > OUTPUT_CAP
				|| stderr.length() > OUTPUT_CAP;
		return new ExecutionResult(message.get("exit_code").asInt(), cap(stdout), cap(stderr), truncated,
				message.path("timed_out").asBoolean(false),
				Duration.ofMillis(Math.max(0, message.path("duration_ms").asLong(0))));
	}

	private static String cap(String text) {
		return (text.length() > OUTPUT_CAP) ? text.substring(0, OUTPUT_CAP) : text;
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
