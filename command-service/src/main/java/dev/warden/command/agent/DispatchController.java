package dev.warden.command.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.warden.command.caller.Caller;
import dev.warden.command.caller.UserId;
import dev.warden.command.caller.UserIds;
import dev.warden.platform.problem.FieldError;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 001's dispatch API: send a command to a user's agent and wait for its answer, or
 * to every agent. A user may drive only their own agents; administrators may drive any
 * and broadcast.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Agents", description = "Execution agents connected over WebSocket (seed 001's dispatcher)")
class DispatchController {

	static final String DISPATCH = "dispatch";

	static final String BROADCAST = "broadcast";

	private final AgentDispatcher dispatcher;

	private final AgentProperties properties;

	DispatchController(AgentDispatcher dispatcher, AgentProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@PostMapping("/dispatch/{userId}")
	@Operation(summary = "Send a command to a user's agent and wait for its answer (seed 001's POST /send-command)")
	DispatchResponse dispatch(@PathVariable @UserId String userId, @Valid @RequestBody DispatchRequest request,
			Caller caller) throws InterruptedException {
		String user = UserIds.canonical(userId);
		if (!caller.admin() && !user.equals(caller.userId())) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "You may dispatch only to your own agents.");
		}
		Duration timeout = checked(request.method(), request.data(), request.timeoutSeconds());
		AgentId agent = this.dispatcher.resolve(user, request.agent());
		AgentCommand command = new AgentCommand(UUID.randomUUID(), request.method(), request.url(), request.data());
		AgentReply reply = this.dispatcher.send(agent, command, timeout, DISPATCH);
		return switch (reply.status()) {
			case DELIVERED -> DispatchResponse.of(agent, command.commandId(), reply);
			case TIMEOUT -> throw AgentProblems.timeout(agent, command.commandId(), timeout);
			case DISCONNECTED -> throw AgentProblems.disconnected(agent, command.commandId());
			case NOT_CONNECTED -> throw AgentProblems.notConnected(agent);
		};
	}

	@PostMapping("/dispatch/broadcast")
	@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
	@Operation(summary = "Send a command to every connected agent (admin; seed 001's POST /broadcast-command)")
	BroadcastResponse broadcast(@Valid @RequestBody BroadcastRequest request) throws InterruptedException {
		Duration timeout = checked(request.method(), request.data(), request.timeoutSeconds());
		List<AgentId> agents = this.dispatcher.all();
		long started = System.nanoTime();
		List<Sent> sent = new ArrayList<>();
		for (AgentId agent : agents) {
			AgentCommand command = new AgentCommand(UUID.randomUUID(), request.method(), request.url(), request.data());
			sent.add(new Sent(agent, command, this.dispatcher.sendAsync(agent, command, timeout)));
		}
		List<DispatchResponse> results = new ArrayList<>();
		for (Sent one : sent) {
			AgentReply reply = one.reply().join();
			this.dispatcher.finish(one.agent(), one.command(), BROADCAST, reply, started);
			results.add(DispatchResponse.of(one.agent(), one.command().commandId(), reply));
		}
		int delivered = (int) results.stream().filter((result) -> "delivered".equals(result.status())).count();
		return new BroadcastResponse(results.size(), delivered, results);
	}

	@GetMapping("/agents")
	@Operation(summary = "The caller's connected agents; administrators may name a user, or see all with all=true")
	List<AgentView> agents(@RequestParam(required = false) @Nullable @UserId String userId,
			@RequestParam(defaultValue = "false") boolean all, Caller caller) {
		String named = (userId != null) ? UserIds.canonical(userId) : null;
		boolean admin = caller.admin();
		if ((all || (named != null && !named.equals(caller.userId()))) && !admin) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "Only administrators may list other users' agents.");
		}
		if (all) {
			return this.dispatcher.all().stream().map((agent) -> new AgentView(agent.userId(), agent.name())).toList();
		}
		String user = (named != null) ? named : caller.userId();
		return this.dispatcher.namesOf(user).stream().map((name) -> new AgentView(user, name)).toList();
	}

	private Duration checked(String method, @Nullable JsonNode data, @Nullable Integer timeoutSeconds) {
		if ("EXEC".equals(method)) {
			throw AgentProblems.execRefused();
		}
		if (data != null && !data.isObject() && !data.isNull()) {
			throw new ProblemException(ProblemTypes.VALIDATION, "data must be a JSON object.").with("errors",
					List.of(new FieldError("data", "must be an object")));
		}
		if (timeoutSeconds == null) {
			return this.properties.defaultTimeout();
		}
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		if (timeout.compareTo(this.properties.maxTimeout()) > 0) {
			long max = this.properties.maxTimeout().toSeconds();
			throw new ProblemException(ProblemTypes.VALIDATION, "timeoutSeconds may be at most " + max + ".")
				.with("errors", List.of(new FieldError("timeoutSeconds", "must be at most " + max)));
		}
		return timeout;
	}

	private record Sent(AgentId agent, AgentCommand command, CompletableFuture<AgentReply> reply) {
	}

	/**
	 * A command for one user's agent.
	 *
	 * @param method {@code GET}, {@code POST}, … as the agent understands it;
	 * {@code EXEC} is refused here, since shell commands go through the policy at
	 * {@code POST /api/v1/commands}
	 * @param url what the method applies to
	 * @param data its arguments, a JSON object
	 * @param agent which of the user's agents; needed when several are connected
	 * @param timeoutSeconds how long to wait; the default and the maximum are configured
	 */
	record DispatchRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z_]{0,15}") String method,
			@Nullable @Size(max = 2048) String url, @Nullable JsonNode data,
			@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String agent,
			@Nullable @Min(1) Integer timeoutSeconds) {
	}

	/**
	 * A command for every agent.
	 *
	 * @param method as for a dispatch
	 * @param url as for a dispatch
	 * @param data as for a dispatch
	 * @param timeoutSeconds how long to wait for every agent together
	 */
	record BroadcastRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z_]{0,15}") String method,
			@Nullable @Size(max = 2048) String url, @Nullable JsonNode data, @Nullable @Min(1) Integer timeoutSeconds) {
	}

	/**
	 * One agent's answer.
	 *
	 * @param commandId the command's id
	 * @param userId the agent's user
	 * @param agent the agent's name
	 * @param status {@code delivered}, or, in a broadcast, {@code timeout},
	 * {@code disconnected} or {@code not_connected}
	 * @param result the agent's {@code result}
	 * @param exitCode for shell commands, the exit status
	 * @param stdout for shell commands, standard output
	 * @param stderr for shell commands, standard error
	 * @param timedOut for shell commands, whether the time limit ended it
	 * @param outputTruncated for shell commands, whether output was cut
	 * @param durationMs for shell commands, how long it ran
	 * @param error the agent's error message, if it could not handle the command
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DispatchResponse(UUID commandId, String userId, String agent, String status, @Nullable JsonNode result,
			@Nullable Integer exitCode, @Nullable String stdout, @Nullable String stderr, @Nullable Boolean timedOut,
			@Nullable Boolean outputTruncated, @Nullable Long durationMs, @Nullable String error) {

		static DispatchResponse of(AgentId agent, UUID commandId, AgentReply reply) {
			JsonNode message = reply.message();
			if (message == null) {
				return new DispatchResponse(commandId, agent.userId(), agent.name(), reply.status().tag(), null, null,
						null, null, null, null, null, null);
			}
			JsonNode result = message.get("result");
			return new DispatchResponse(commandId, agent.userId(), agent.name(), reply.status().tag(),
					(result != null && !result.isNull()) ? result : null,
					message.path("exit_code").isIntegralNumber() ? message.get("exit_code").asInt() : null,
					text(message, "stdout"), text(message, "stderr"),
					message.path("timed_out").isBoolean() ? message.get("timed_out").asBoolean() : null,
					message.path("output_truncated").isBoolean() ? message.get("output_truncated").asBoolean() : null,
					message.path("duration_ms").isIntegralNumber() ? message.get("duration_ms").asLong() : null,
					text(message, "error"));
		}

		private static @Nullable String text(JsonNode message, String field) {
			JsonNode value = message.get(field);
			return (value != null && value.isString()) ? value.stringValue() : null;
		}

	}

	/**
	 * The answers to a broadcast.
	 *
	 * @param agents how many agents it was sent to
	 * @param delivered how many answered in time
	 * @param results each agent's answer or failure
	 */
	record BroadcastResponse(int agents, int delivered, List<DispatchResponse> results) {
	}

	/**
	 * A connected agent.
	 *
	 * @param userId its user
	 * @param name its name
	 */
	record AgentView(String userId, String name) {
	}

}
