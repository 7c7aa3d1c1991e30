package dev.warden.gateway.identity;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The exchange's caches in front of a fake auth-service that counts its calls: good keys
 * and definitive refusals are remembered, failures to ask never are.
 */
class ApiKeyExchangeTests {

	private final FakeAuthService auth = new FakeAuthService();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aWrongKeySentAgainAndAgainIsAskedAboutOnceWithinTheNegativeTtl() {
		ApiKeyExchange exchange = exchange(Duration.ofSeconds(10));
		for (int i = 0; i < 20; i++) {
			assertThat(exchange.exchange("wdn_wrong")).isEmpty();
		}
		assertThat(this.auth.calls).hasValue(1);
		assertThat(exchange.refusedSize()).isEqualTo(1);
		assertThat(this.meters.get("cache.gets")
			.tag("cache", "gateway.api-keys.refused")
			.tag("result", "hit")
			.functionCounter()
			.count()).isEqualTo(19);
	}

	@Test
	void aRefusalIsForgottenAfterTheNegativeTtl() throws Exception {
		ApiKeyExchange exchange = exchange(Duration.ofMillis(200));
		assertThat(exchange.exchange("wdn_later")).isEmpty();
		assertThat(exchange.exchange("wdn_later")).isEmpty();
		assertThat(this.auth.calls).hasValue(1);
		// The key becomes valid (it could not, but a refusal must not outlive its TTL).
		this.auth.valid.put("wdn_later", "user-1");
		Thread.sleep(300);
		assertThat(exchange.exchange("wdn_later")).isPresent();
		assertThat(this.auth.calls).hasValue(2);
	}

	@Test
	void anAuthServiceFailureIsNeverRemembered() {
		ApiKeyExchange exchange = exchange(Duration.ofSeconds(10));
		this.auth.valid.put("wdn_good", "user-2");
		this.auth.failing.set(true);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> exchange.exchange("wdn_good"));
			assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> exchange.exchange("wdn_wrong"));
		}
		assertThat(this.auth.calls).hasValue(6);
		assertThat(exchange.refusedSize()).isZero();
		assertThat(exchange.size()).isZero();
		// auth-service is back: both keys are asked about again, and answered.
		this.auth.failing.set(false);
		assertThat(exchange.exchange("wdn_good")).isPresent();
		assertThat(exchange.exchange("wdn_wrong")).isEmpty();
		assertThat(this.auth.calls).hasValue(8);
	}

	@Test
	void aGoodKeyIsUnaffectedByRefusalsOfOthers() {
		ApiKeyExchange exchange = exchange(Duration.ofSeconds(10));
		this.auth.valid.put("wdn_good", "user-3");
		for (int i = 0; i < 5; i++) {
			assertThat(exchange.exchange("wdn_wrong")).isEmpty();
			assertThat(exchange.exchange("wdn_good"))
				.hasValueSatisfying((key) -> assertThat(key.userId()).isEqualTo("user-3"));
		}
		assertThat(this.auth.calls).hasValue(2);
	}

	@Test
	void aRenewalAndAnUnblockAskAgainWhateverWasRefused() {
		ApiKeyExchange exchange = exchange(Duration.ofSeconds(10));
		assertThat(exchange.exchange("wdn_blocked")).isEmpty();
		this.auth.valid.put("wdn_blocked", "user-4");
		assertThat(exchange.exchange("wdn_blocked")).isEmpty();
		assertThat(this.auth.calls).hasValue(1);
		// The owner was unblocked (identity.user-unblocked).
		exchange.forgetRefusals();
		assertThat(exchange.exchange("wdn_blocked")).isPresent();
		assertThat(this.auth.calls).hasValue(2);
		// A renewal (WebSocket relay) bypasses both caches.
		this.auth.valid.remove("wdn_blocked");
		assertThat(exchange.refresh("wdn_blocked")).isEmpty();
		assertThat(this.auth.calls).hasValue(3);
	}

	@Test
	void aZeroNegativeTtlAsksEveryTime() {
		ApiKeyExchange exchange = exchange(Duration.ZERO);
		for (int i = 0; i < 3; i++) {
			assertThat(exchange.exchange("wdn_wrong")).isEmpty();
		}
		assertThat(this.auth.calls).hasValue(3);
	}

	@Test
	void aZeroNegativeTtlOrSizeBuildsNoNegativeCache() {
		for (ApiKeyExchange exchange : new ApiKeyExchange[] { exchange(Duration.ZERO),
				new ApiKeyExchange(this.auth, properties(Duration.ofSeconds(10), 0), this.meters) }) {
			assertThat(exchange.exchange("wdn_wrong")).isEmpty();
			assertThat(exchange.refusedSize()).isZero();
			// What else touches the negative cache copes with its absence.
			exchange.forgetRefusals();
			assertThat(exchange.refresh("wdn_wrong")).isEmpty();
		}
		// No cache, so none of its meters: a dashboard shows no hit rate for nothing.
		assertThat(this.meters.find("cache.gets").tag("cache", "gateway.api-keys.refused").meters()).isEmpty();
		assertThat(this.meters.find("cache.size").tag("cache", "gateway.api-keys.refused").meters()).isEmpty();
		// The positive cache is still there.
		assertThat(this.meters.find("cache.gets").tag("cache", "gateway.api-keys").meters()).isNotEmpty();
	}

	@Test
	void theNegativeCacheIsBounded() {
		ApiKeyExchange exchange = new ApiKeyExchange(this.auth, properties(Duration.ofSeconds(10), 50), this.meters);
		for (int i = 0; i < 500; i++) {
			exchange.exchange("wdn_wrong-" + i);
		}
		assertThat(exchange.refusedSize()).isLessThanOrEqualTo(50);
	}

	private ApiKeyExchange exchange(Duration negativeTtl) {
		return new ApiKeyExchange(this.auth, properties(negativeTtl, 10_000), this.meters);
	}

	private static IdentityProperties.ApiKeys properties(Duration negativeTtl, int negativeCacheSize) {
		return new IdentityProperties.ApiKeys(Duration.ofSeconds(60), 10_000, Duration.ofSeconds(3), 50,
				Duration.ofSeconds(10), negativeTtl, negativeCacheSize);
	}

	/** auth-service's exchange as the client reports it: a key, a refusal or a 503. */
	private static final class FakeAuthService extends AuthServiceKeyClient {

		final Map<String, String> valid = new ConcurrentHashMap<>();

		final AtomicInteger calls = new AtomicInteger();

		final AtomicBoolean failing = new AtomicBoolean();

		FakeAuthService() {
			super(URI.create("http://127.0.0.1:1"), null, properties(Duration.ZERO, 0));
		}

		@Override
		Optional<ExchangedKey> exchange(String key) {
			this.calls.incrementAndGet();
			if (this.failing.get()) {
				throw ProblemException.unavailable("API keys cannot be checked right now.");
			}
			String user = this.valid.get(key);
			if (user == null) {
				return Optional.empty();
			}
			return Optional.of(new ExchangedKey("token-" + user, Instant.now().plusSeconds(300), "key-" + user, user));
		}

	}

}
