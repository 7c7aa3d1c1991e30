package dev.warden.command.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Messages between replicas about agents, one Redis topic per replica: "deliver this
 * command to the agent you hold", "here is the reply", "close this replaced connection".
 * A publish reports how many subscribers got it; none means the replica is gone, which
 * callers use to fail at once instead of waiting for a timeout.
 */
@Component
class ReplicaBus implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReplicaBus.class);

	private static final String PREFIX = "warden:agents:replica:";

	private final RedissonClient redisson;

	private final JsonMapper json;

	private final AgentReplica replica;

	private final Map<String, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();

	/** Handlers send on WebSockets and wait for Redis; Redisson's threads must not. */
	private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "agent-bus-subscribe");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable Integer listenerId;

	private volatile boolean running;

	ReplicaBus(RedissonClient redisson, JsonMapper json, AgentReplica replica) {
		this.redisson = redisson;
		this.json = json;
		this.replica = replica;
	}

	String replica() {
		return this.replica.id();
	}

	/**
	 * Handles messages of one kind.
	 * @param kind the kind
	 * @param handler what to do with them
	 */
	void on(String kind, Consumer<JsonNode> handler) {
		this.handlers.put(kind, handler);
	}

	/**
	 * Sends a message to a replica.
	 * @param replica the replica
	 * @param kind the kind of message
	 * @param message the message
	 * @return how many subscribers received it; 0 if the replica is gone
	 */
	long publish(String replica, String kind, ObjectNode message) {
		message.put("kind", kind);
		message.put("from", this.replica.id());
		return topic(replica).publish(this.json.writeValueAsString(message));
	}

	ObjectNode message() {
		return this.json.createObjectNode();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		subscribe();
	}

	private void subscribe() {
		if (!this.running) {
			return;
		}
		try {
			this.listenerId = topic(this.replica.id()).addListener(String.class,
					(channel, text) -> this.work.execute(() -> receive(text)));
			log.info("Agent replica {} listens for other replicas", this.replica.id());
		}
		catch (RuntimeException ex) {
			log.warn("Could not subscribe to the agent topic; retrying in 5 s: {}", ex.toString());
			this.retries.schedule(this::subscribe, 5, TimeUnit.SECONDS);
		}
	}

	private void receive(String text) {
		try {
			JsonNode message = this.json.readTree(text);
			Consumer<JsonNode> handler = this.handlers.get(message.path("kind").asString(""));
			if (handler != null) {
				handler.accept(message);
			}
		}
		catch (JacksonException ex) {
			log.warn("Ignored an agent message from another replica that is not JSON");
		}
		catch (RuntimeException ex) {
			log.warn("Could not handle an agent message from another replica", ex);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Integer id = this.listenerId;
		this.listenerId = null;
		if (id != null) {
			try {
				topic(this.replica.id()).removeListener(id);
			}
			catch (RuntimeException ex) {
				log.debug("Could not unsubscribe from the agent topic", ex);
			}
		}
	}

	@Override
	public void destroy() {
		// The executors live as long as the bean, not one start to stop: a stopped
		// context may start again (docs/agents.md).
		this.retries.shutdownNow();
		this.work.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops after the sessions, so that their last replies still go out.
		return AgentSessions.PHASE - 1;
	}

	private RTopic topic(String replica) {
		return this.redisson.getTopic(PREFIX + replica, StringCodec.INSTANCE);
	}

}
