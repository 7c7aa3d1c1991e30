package dev.warden.command.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * Sends commands to agents wherever they are connected: directly when this replica holds
 * the connection, otherwise through the replica that does. Every send is counted, timed
 * and audited.
 */
@Service
public class AgentDispatcher {

	private static final Logger log = LoggerFactory.getLogger(AgentDispatcher.class);

	/** How much longer than the reply's own timeout a caller waits before giving up. */
	private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

	private final AgentSessions sessions;

	private final AgentRegistry registry;

	private final ReplicaBus bus;

	private final AgentMetrics metrics;

	private final AgentAudit audit;

	private final JsonMapper json;

	/** Commands sent through other replicas that wait for their reply. */
	private final Map<UUID, CompletableFuture<AgentReply>> remote = new ConcurrentHashMap<>();

	AgentDispatcher(AgentSessions sessions, AgentRegistry registry, ReplicaBus bus, AgentMetrics metrics,
			AgentAudit audit, JsonMapper json) {
		this.sessions = sessions;
		this.registry = registry;
		this.bus = bus;
		this.metrics = metrics;
		this.audit = audit;
		this.json = json;
		bus.on("reply", this::onReply);
	}

	/**
	 * Whether an agent is connected to any replica.
	 * @param agent the agent
	 * @return whether it is
	 * @throws ProblemException (503) if the registry cannot be asked
	 */
	boolean isConnected(AgentId agent) {
		return this.sessions.isLocal(agent) || registry(() -> this.registry.locate(agent)).isPresent();
	}

	/**
	 * Lists a user's connected agents.
	 * @param userId the user
	 * @return their names, sorted
	 */
	List<String> namesOf(String userId) {
		TreeSet<String> names = new TreeSet<>(this.sessions.localNamesOf(userId));
		names.addAll(registry(() -> this.registry.namesOf(userId)));
		return List.copyOf(names);
	}

	/**
	 * Lists every connected agent.
	 * @return the agents
	 */
	List<AgentId> all() {
		TreeSet<String> keys = new TreeSet<>();
		this.sessions.localAgents().forEach((agent) -> keys.add(agent.key()));
		registry(this.registry::all).forEach((agent) -> keys.add(agent.key()));
		return keys.stream().map(AgentId::parse).toList();
	}

	/**
	 * Chooses the user's agent for a dispatch.
	 * @param userId the user
	 * @param name the agent's name, or {@code null} for "the only one"
	 * @return the agent
	 * @throws ProblemException if it is not connected, or several are and none was named
	 */
	AgentId resolve(String userId, @Nullable String name) {
		if (name != null) {
			AgentId agent = new AgentId(userId, name);
			if (!isConnected(agent)) {
				throw AgentProblems.notConnected(agent);
			}
			return agent;
		}
		List<String> names = namesOf(userId);
		if (names.isEmpty()) {
			throw AgentProblems.noneConnected(userId);
		}
		if (names.size() > 1) {
			throw AgentProblems.ambiguous(userId, names);
		}
		return new AgentId(userId, names.get(0));
	}

	/**
	 * Sends a command and waits for the reply, then counts, times and audits it.
	 * @param agent the agent
	 * @param command the command
	 * @param timeout how long to wait
	 * @param via which API asked, for metrics and audit
	 * @return the reply
	 * @throws InterruptedException if interrupted while waiting
	 */
	AgentReply send(AgentId agent, AgentCommand command, Duration timeout, String via) throws InterruptedException {
		long started = System.nanoTime();
		CompletableFuture<AgentReply> future = sendAsync(agent, command, timeout);
		AgentReply reply;
		try {
			reply = future.get(timeout.plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			future.complete(AgentReply.of(AgentReply.Status.TIMEOUT));
			throw ex;
		}
		catch (TimeoutException ex) {
			reply = AgentReply.of(AgentReply.Status.TIMEOUT);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Sending to agent " + agent.key() + " failed", ex.getCause());
		}
		return finish(agent, command, via, reply, started);
	}

	/**
	 * Records how a send ended.
	 * @param agent the agent
	 * @param command the command
	 * @param via which API asked
	 * @param reply how it ended
	 * @param startedNanos when it was sent, by {@link System#nanoTime()}
	 * @return the reply
	 */
	AgentReply finish(AgentId agent, AgentCommand command, String via, AgentReply reply, long startedNanos) {
		Duration roundTrip = Duration.ofNanos(System.nanoTime() - startedNanos);
		this.metrics.dispatched(via, reply.status(), roundTrip);
		this.audit.dispatched(agent, command.commandId(), command.method(), via, reply.status(), roundTrip);
		return reply;
	}

	/**
	 * Sends a command without waiting.
	 * @param agent the agent
	 * @param command the command
	 * @param timeout how long the reply may take
	 * @return the reply, which always completes within the timeout
	 */
	CompletableFuture<AgentReply> sendAsync(AgentId agent, AgentCommand command, Duration timeout) {
		if (this.sessions.isLocal(agent)) {
			return this.sessions.send(agent, command, timeout);
		}
		Optional<AgentLocation> location = registry(() -> this.registry.locate(agent));
		if (location.isEmpty() || location.get().replica().equals(this.bus.replica())) {
			// Absent, or a stale entry of this replica's that it no longer holds.
			return CompletableFuture.completedFuture(AgentReply.of(AgentReply.Status.NOT_CONNECTED));
		}
		CompletableFuture<AgentReply> future = new CompletableFuture<>();
		if (this.remote.putIfAbsent(command.commandId(), future) != null) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("Command " + command.commandId() + " is already waiting"));
		}
		future.whenComplete((reply, failure) -> this.remote.remove(command.commandId(), future));
		future.completeOnTimeout(AgentReply.of(AgentReply.Status.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
		ObjectNode deliver = this.bus.message()
			.put("commandId", command.commandId().toString())
			.put("userId", agent.userId())
			.put("name", agent.name())
			.put("timeoutMs", timeout.toMillis());
		deliver.set("command", command.toMessage(this.json));
		try {
			if (this.bus.publish(location.get().replica(), "deliver", deliver) == 0) {
				// Nobody listens on that replica's topic: it is gone, and its entry with
				// it once the entry runs out.
				log.info("Agent {} is registered on replica {}, which no longer answers", agent.key(),
						location.get().replica());
				future.complete(AgentReply.of(AgentReply.Status.NOT_CONNECTED));
			}
		}
		catch (RuntimeException ex) {
			future.complete(AgentReply.of(AgentReply.Status.NOT_CONNECTED));
			throw ProblemException.unavailable("The agent registry cannot be reached.");
		}
		return future;
	}

	private void onReply(JsonNode message) {
		UUID commandId;
		try {
			commandId = UUID.fromString(message.path("commandId").asString(""));
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		CompletableFuture<AgentReply> future = this.remote.get(commandId);
		if (future == null) {
			log.info("Ignored a reply from another replica for unknown command {}", commandId);
			return;
		}
		AgentReply.Status status = AgentReply.Status.fromTag(message.path("status").asString("disconnected"));
		JsonNode result = message.get("result");
		future.complete((status == AgentReply.Status.DELIVERED && result != null) ? AgentReply.delivered(result)
				: AgentReply.of(status));
	}

	private static <T> T registry(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ProblemException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, "The agent registry cannot be reached.", ex);
		}
	}

}
