package dev.warden.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RMapCache;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users blocked recently, and when. Access tokens are valid for minutes and carry no
 * revocation check, so the edge refuses every token of a blocked user issued before the
 * block, until such tokens have expired anyway.
 * <p>
 * Checks are local (no Redis round trip per request): every gateway replica reads every
 * {@code identity.events} record. Redis keeps a copy with the same expiry so that a
 * replica started after the event still knows the block.
 */
public class BlockedUsers {

	private static final Logger log = LoggerFactory.getLogger(BlockedUsers.class);

	static final String REDIS_KEY = "warden:gateway:blocked-users";

	private final Cache<String, Instant> blocked;

	private final @Nullable RedissonClient redisson;

	private final Duration memory;

	BlockedUsers(Duration memory, @Nullable RedissonClient redisson) {
		this.memory = memory;
		this.redisson = redisson;
		this.blocked = Caffeine.newBuilder().expireAfterWrite(memory).maximumSize(1_000_000).build();
	}

	/**
	 * Remembers a block, locally and in Redis.
	 * @param userId the user
	 * @param at when the block took effect
	 */
	void block(String userId, Instant at) {
		this.blocked.asMap().merge(userId, at, (old, next) -> next.isAfter(old) ? next : old);
		if (this.redisson != null) {
			try {
				RMapCache<String, Long> shared = this.redisson.getMapCache(REDIS_KEY);
				shared.fastPutAsync(userId, at.toEpochMilli(), this.memory.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				log.warn("Block of a user not copied to Redis; this replica refuses their tokens anyway: {}",
						ex.toString());
			}
		}
	}

	/** Loads the blocks other replicas saw before this one started. */
	void loadShared() {
		if (this.redisson == null) {
			return;
		}
		try {
			RMapCache<String, Long> shared = this.redisson.getMapCache(REDIS_KEY);
			Map<String, Long> all = shared.readAllMap();
			all.forEach((user, millis) -> this.blocked.asMap()
				.merge(user, Instant.ofEpochMilli(millis), (old, next) -> next.isAfter(old) ? next : old));
		}
		catch (RuntimeException ex) {
			log.warn("Blocked users not loaded from Redis; relying on identity.events from now on: {}", ex.toString());
		}
	}

	/**
	 * Tells whether a token issued at a given time was issued before its user was
	 * blocked.
	 * @param userId the token's subject
	 * @param issuedAt the token's {@code iat}
	 * @return whether the token must be refused
	 */
	boolean refuses(String userId, @Nullable Instant issuedAt) {
		Instant blockedAt = this.blocked.getIfPresent(userId);
		if (blockedAt == null) {
			return false;
		}
		// iat has whole seconds: a token from the second of the block is refused too.
		return issuedAt == null || !issuedAt.isAfter(blockedAt.plusSeconds(1));
	}

}
