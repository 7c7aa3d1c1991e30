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

/**
 * Exchanges API keys for access tokens, with a short cache. The cache is keyed by the
 * SHA-256 of the key, never the key itself, so a heap dump does not hand out keys. An
 * entry lives for the configured time, but never longer than half of its token's
 * remaining lifetime, so a forwarded token always has time left; it is evicted at once
 * when {@code identity.events} says its key was revoked or its owner blocked or changed.
 */
public class ApiKeyExchange {

	private final AuthServiceKeyClient client;

	private final Cache<String, ExchangedKey> cache;

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
	}

	/**
	 * Exchanges a key, from the cache when possible.
	 * @param key the key as the client sent it
	 * @return the exchanged key, or empty when it is not a valid key
	 * @throws ProblemException (503) when auth-service cannot be asked
	 */
	public Optional<ExchangedKey> exchange(String key) {
		String hash = hash(key);
		ExchangedKey cached = this.cache.getIfPresent(hash);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<ExchangedKey> exchanged = this.client.exchange(key);
		exchanged.ifPresent((value) -> this.cache.put(hash, value));
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
		this.cache.invalidate(hash(key));
		return exchange(key);
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

	private void evictIf(Predicate<ExchangedKey> matches) {
		// Events are rare and the cache is bounded: a scan beats keeping reverse indexes
		// consistent.
		this.cache.asMap().values().removeIf(matches);
	}

	static String hash(String key) {
		return Digests.sha256Hex(key);
	}

}
