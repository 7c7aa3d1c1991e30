package dev.warden.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.warden.platform.Digests;
import dev.warden.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Exchanges API keys for access tokens, with a short cache. The cache is keyed by the
 * SHA-256 of the key, never the key itself, so a heap dump does not hand out keys. An
 * entry lives for the configured time, but never longer than half of its token's
 * remaining lifetime, so a forwarded token always has time left; it is evicted at once
 * when {@code identity.events} says its key was revoked or its owner blocked or changed.
 * <p>
 * Keys auth-service refused are remembered too, for a shorter time (the negative cache,
 * also keyed by the hash): a client repeating a wrong key would otherwise cost one call
 * to auth-service per request. Only auth-service's definitive answer is remembered; when
 * it could not be asked (timeout, error, 5xx, open breaker) nothing is, so the next
 * request asks again and the gateway stays fail-closed without caching the outage.
 */
public class ApiKeyExchange {

	private final AuthServiceKeyClient client;

	private final Cache<String, ExchangedKey> cache;

	/**
	 * Hashes of keys auth-service refused; {@code null} when refusals are not remembered
	 * (a zero TTL or size), so that no cache, and none of its meters, exists for nothing.
	 */
	private final @Nullable Cache<String, Boolean> refused;

	ApiKeyExchange(AuthServiceKeyClient client, IdentityProperties.ApiKeys properties, MeterRegistry meters) {
		this.client = client;
		Duration ttl = properties.cacheTtl();
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfter(Expiry.<String, ExchangedKey>creating((hash, key) -> {
				Duration half = Duration.between(Instant.now(), key.expiresAt()).dividedBy(2);
				Duration lifetime = (half.compareTo(ttl) < 0) ? half : ttl;
				return lifetime.isNegative() ? Duration.ZERO : lifetime;
			}))
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, this.cache, "gateway.api-keys");
		this.refused = refusedKeys(properties, meters);
	}

	private static @Nullable Cache<String, Boolean> refusedKeys(IdentityProperties.ApiKeys properties,
			MeterRegistry meters) {
		if (!properties.negativeTtl().isPositive() || properties.negativeCacheSize() <= 0) {
			return null;
		}
		Cache<String, Boolean> refused = Caffeine.newBuilder()
			.maximumSize(properties.negativeCacheSize())
			.expireAfterWrite(properties.negativeTtl())
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, refused, "gateway.api-keys.refused");
		return refused;
	}

	/**
	 * Exchanges a key, from the cache when possible.
	 * @param key the key as the client sent it
	 * @return the exchanged key, or empty when it is not a valid key (auth-service said
	 * so, now or within the negative TTL)
	 * @throws ProblemException (503) when auth-service cannot be asked
	 */
	public Optional<ExchangedKey> exchange(String key) {
		String hash = hash(key);
		ExchangedKey cached = this.cache.getIfPresent(hash);
		if (cached != null) {
			return Optional.of(cached);
		}
		if (this.refused != null && this.refused.getIfPresent(hash) != null) {
			return Optional.empty();
		}
		// A ProblemException (auth-service not asked) passes through: nothing is
		// remembered.
		Optional<ExchangedKey> exchanged = this.client.exchange(key);
		if (exchanged.isPresent()) {
			this.cache.put(hash, exchanged.get());
		}
		else if (this.refused != null) {
			this.refused.put(hash, Boolean.TRUE);
		}
		return exchanged;
	}

	/**
	 * Exchanges a key again at auth-service, whatever the cache holds, for a token with a
	 * fresh lifetime (and a fresh check that the key is still valid).
	 * @param key the key
	 * @return the exchanged key, or empty when it is no longer valid
	 * @throws ProblemException (503) when auth-service cannot be asked
	 */
	public Optional<ExchangedKey> refresh(String key) {
		String hash = hash(key);
		this.cache.invalidate(hash);
		if (this.refused != null) {
			this.refused.invalidate(hash);
		}
		return exchange(key);
	}

	/**
	 * Forgets every refusal: a user was unblocked, so keys refused for their owner's
	 * block may be valid again. Which refused keys were that user's is unknown
	 * (auth-service's refusal does not say), and the negative cache is short-lived, so
	 * all of it goes.
	 */
	void forgetRefusals() {
		if (this.refused != null) {
			this.refused.invalidateAll();
		}
	}

	void evictKey(String keyId) {
		evictIf((key) -> key.keyId().equals(keyId));
	}

	void evictUser(String userId) {
		evictIf((key) -> key.userId().equals(userId));
	}

	long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	long refusedSize() {
		if (this.refused == null) {
			return 0;
		}
		this.refused.cleanUp();
		return this.refused.estimatedSize();
	}

	private void evictIf(Predicate<ExchangedKey> matches) {
		// Events are rare and the cache is bounded: a scan beats keeping reverse indexes
		// consistent.
		this.cache.asMap().values().removeIf(matches);
	}

	static String hash(String key) {
		return Digests.sha256Hex(key);
	}

}
