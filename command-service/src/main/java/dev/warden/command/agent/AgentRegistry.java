package dev.warden.command.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import org.springframework.stereotype.Component;

/**
 * Which replica holds which agent, in Redis, for every replica to read.
 * <p>
 * Each agent has a key holding its replica and connection, with a time to live that the
 * holding replica renews at every heartbeat; an index per user and one for everybody list
 * the agents with the time their entry runs out as score. When a replica dies its entries
 * simply run out: nothing has to clean up after it, and readers skip index entries whose
 * time has passed.
 */
@Component
class AgentRegistry {

	private static final String PREFIX = "warden:agents:";

	private final RedissonClient redisson;

	private final Duration ttl;

	private final int maxPerUser;

	AgentRegistry(RedissonClient redisson, AgentProperties properties) {
		this.redisson = redisson;
		this.ttl = properties.registryTtl();
		this.maxPerUser = properties.maxPerUser();
	}

	/**
	 * Records that this connection now holds the agent, unless the agent is new and its
	 * user already has as many agents as allowed. Taking over an agent's name (a
	 * reconnect) is always allowed.
	 * @param agent the agent
	 * @param location its connection
	 * @return the connection that held it before, if another one did
	 * @throws TooManyAgentsException if the agent would be one too many for its user
	 */
	Optional<AgentLocation> claim(AgentId agent, AgentLocation location) {
		// Counting and claiming under one lock per user, held in Redis: two replicas
		// registering the user's last allowed agent at the same moment would otherwise
		// both see room for it. Registrations are rare, so the lock costs nothing that
		// matters.
		RLock lock = this.redisson.getLock(PREFIX + "register:" + agent.userId());
		try {
			if (!lock.tryLock(5, 10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the registration lock of " + agent.userId() + " is busy");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while registering " + agent.key(), ex);
		}
		try {
			List<String> others = namesOf(agent.userId());
			others.remove(agent.name());
			if (others.size() >= this.maxPerUser) {
				throw new TooManyAgentsException(this.maxPerUser);
			}
			return takeOver(agent, location);
		}
		finally {
			lock.unlock();
		}
	}

	private Optional<AgentLocation> takeOver(AgentId agent, AgentLocation location) {
		String previous = bucket(agent).getAndSet(location.encode(), this.ttl);
		index(agent);
		if (previous == null || previous.equals(location.encode())) {
			return Optional.empty();
		}
		return Optional.of(AgentLocation.parse(previous));
	}

	/**
	 * Renews this connection's entry.
	 * @param agent the agent
	 * @param location its connection
	 * @return {@code false} if another connection holds the agent now
	 */
	boolean renew(AgentId agent, AgentLocation location) {
		RBucket<String> bucket = bucket(agent);
		String current = bucket.get();
		if (current == null) {
			// Expired during a Redis outage, or Redis lost it: take it back.
			if (!bucket.setIfAbsent(location.encode(), this.ttl)) {
				return location.encode().equals(bucket.get());
			}
		}
		else if (!current.equals(location.encode())) {
			return false;
		}
		else {
			bucket.expire(this.ttl);
		}
		index(agent);
		return true;
	}

	/**
	 * Removes this connection's entry, unless another connection holds the agent now.
	 * @param agent the agent
	 * @param location its connection
	 */
	void release(AgentId agent, AgentLocation location) {
		if (bucket(agent).compareAndSet(location.encode(), null)) {
			userIndex(agent.userId()).remove(agent.name());
			allIndex().remove(agent.key());
		}
	}

	/**
	 * Finds an agent.
	 * @param agent the agent
	 * @return where it is connected, if it is
	 */
	Optional<AgentLocation> locate(AgentId agent) {
		String value = bucket(agent).get();
		return (value != null) ? Optional.of(AgentLocation.parse(value)) : Optional.empty();
	}

	/**
	 * Lists a user's agents.
	 * @param userId the user
	 * @return the names of the agents whose entries have not run out
	 */
	List<String> namesOf(String userId) {
		return live(userIndex(userId));
	}

	/**
	 * Lists every agent.
	 * @return the agents whose entries have not run out
	 */
	List<AgentId> all() {
		RScoredSortedSet<String> index = allIndex();
		index.removeRangeByScore(0, true, System.currentTimeMillis(), false);
		return live(index).stream().map(AgentId::parse).toList();
	}

	private List<String> live(RScoredSortedSet<String> index) {
		return new ArrayList<>(index.valueRange(System.currentTimeMillis(), false, Double.POSITIVE_INFINITY, true));
	}

	private void index(AgentId agent) {
		double expiry = System.currentTimeMillis() + this.ttl.toMillis();
		RScoredSortedSet<String> user = userIndex(agent.userId());
		user.add(expiry, agent.name());
		user.expire(this.ttl);
		allIndex().add(expiry, agent.key());
	}

	private RBucket<String> bucket(AgentId agent) {
		return this.redisson.getBucket(PREFIX + "agent:" + agent.key(), StringCodec.INSTANCE);
	}

	private RScoredSortedSet<String> userIndex(String userId) {
		return this.redisson.getScoredSortedSet(PREFIX + "user:" + userId, StringCodec.INSTANCE);
	}

	private RScoredSortedSet<String> allIndex() {
		return this.redisson.getScoredSortedSet(PREFIX + "all", StringCodec.INSTANCE);
	}

}
