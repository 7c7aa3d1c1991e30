package dev.warden.command.command;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.command.Api;
import dev.warden.command.CommandServiceTestSupport;
import dev.warden.command.credit.Credits;
import dev.warden.contracts.Actor;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credits under retries, races and crashes: whatever happens, a user pays exactly for the
 * distinct commands that succeeded.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.executors.local.enabled=true",
				// This test is about credits: give a slow, loaded machine time for every
				// policy answer.
				"warden.policy.timeout=20s" })
@Import(CreditRaceIntegrationTests.Faults.class)
class CreditRaceIntegrationTests extends CommandServiceTestSupport {

	private static final int KEYS = 200;

	private static final int RETRIES = 20;

	private static final int COST = 2;

	@Autowired
	FaultyObserver faults;

	@Autowired
	Credits credits;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	CommandSweeper sweeper;

	@Test
	void chargesExactlyTheDistinctSuccessfulCommandsUnderRetriesAndCrashes() throws Exception {
		Api api = this.api;
		String userId = UUID.randomUUID().toString();
		String token = TestTokens.member(userId).claim("tier", "ENTERPRISE").build();
		long opening = 20_000;
		this.faults.failEvery(7);
		Map<String, Boolean> succeeds = new ConcurrentHashMap<>();
		AtomicInteger serverErrors = new AtomicInteger();
		Set<Integer> statuses = ConcurrentHashMap.newKeySet();
		List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			// Ten keys at a time, each sent by twenty concurrent requests.
			for (int batch = 0; batch < KEYS; batch += 10) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Api.Response>> calls = new ArrayList<>();
				for (int i = batch; i < batch + 10; i++) {
					String key = "key-" + i;
					boolean success = i % 4 != 0;
					succeeds.put(key, success);
					String command = (success ? "true" : "false") + " #cost=" + COST;
					for (int r = 0; r < RETRIES; r++) {
						calls.add(pool.submit(() -> {
							start.await();
							return api.submit(token, command, "local", "Idempotency-Key", key);
						}));
					}
				}
				start.countDown();
				for (Future<Api.Response> call : calls) {
					Api.Response response = call.get();
					statuses.add(response.status());
					// 503 with the platform's type: the database pool was exhausted by
					// the storm.
					boolean busy = response.status() == 503
							&& response.text("type").equals("https://warden.dev/problems/service-unavailable");
					if (!Set.of(201, 409, 500).contains(response.status()) && !busy) {
						unexpected.add(response.body().toString());
					}
					if (response.status() == 500) {
						serverErrors.incrementAndGet();
					}
				}
			}
		}
		assertThat(unexpected).isEmpty();
		assertThat(statuses).isSubsetOf(201, 409, 500, 503);
		assertThat(serverErrors.get()).as("faults were injected").isPositive();

		// Every client retries until it gets an answer; a retry finishes what a crash
		// left.
		this.faults.failEvery(0);
		for (Map.Entry<String, Boolean> key : succeeds.entrySet()) {
			String command = (key.getValue() ? "true" : "false") + " #cost=" + COST;
			Api.Response answer = api.submit(token, command, "local", "Idempotency-Key", key.getKey());
			for (int attempt = 0; answer.status() != 201 && attempt < 20; attempt++) {
				Thread.sleep(100);
				answer = api.submit(token, command, "local", "Idempotency-Key", key.getKey());
			}
			assertThat(answer.status()).isEqualTo(201);
			assertThat(answer.text("status")).isEqualTo(key.getValue() ? "SUCCEEDED" : "FAILED");
			assertThat(answer.text("settlement")).isEqualTo(key.getValue() ? "CHARGED" : "RELEASED");
		}

		long successes = succeeds.values().stream().filter(Boolean::booleanValue).count();
		assertThat(commandsOf(userId)).isEqualTo(KEYS);
		Api.Response account = api.get("/api/v1/credits/me", token);
		assertThat(account.body().path("balance").asLong()).isEqualTo(opening - COST * successes);
		assertThat(account.body().path("reserved").asLong()).isZero();
		assertLedgerSumsToBalance(userId);
		assertThat(this.jdbc.sql("select count(*) from credit_entries where user_id = ? and kind = 'CHARGE'")
			.param(userId)
			.query(Long.class)
			.single()).isEqualTo(successes);
	}

	@Test
	void theSweeperSettlesRunsThatACrashLeftBehind() {
		String userId = UUID.randomUUID().toString();
		Actor actor = new Actor(Actor.Kind.USER, userId, "crashed", List.of("MEMBER"), null);
		this.credits.open(userId, "FREE", actor);
		UUID lost = UUID.randomUUID();
		UUID finished = UUID.randomUUID();
		this.transaction.executeWithoutResult((status) -> {
			for (UUID id : List.of(lost, finished)) {
				this.credits.reserve(id, userId, 5, actor);
				this.jdbc
					.sql("insert into commands (id, user_id, username, command_text, target, status, cost, settlement, "
							+ "started_at, lease_until) values (?, ?, 'crashed', 'true', 'local', ?, 5, 'RESERVED', now(), ?)")
					.params(id, userId, id.equals(lost) ? "RUNNING" : "SUCCEEDED",
							Timestamp.from(Instant.now().minusSeconds(1)))
					.update();
			}
		});
		assertThat(this.credits.account(userId).reserved()).isEqualTo(10);

		this.sweeper.sweep();

		assertThat(settlementOf(lost)).isEqualTo("RELEASED");
		assertThat(statusOf(lost)).isEqualTo("FAILED");
		assertThat(this.jdbc
			.sql("select count(*) from platform.outbox_event where payload->'data'->>'resourceId' = ? "
					+ "and payload->'data'->>'action' = 'command.failed'")
			.param(lost.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(settlementOf(finished)).isEqualTo("CHARGED");
		assertThat(this.credits.account(userId).balance()).isEqualTo(100 - 5);
		assertThat(this.credits.account(userId).reserved()).isZero();
		assertLedgerSumsToBalance(userId);
		// A second sweep finds nothing more to do.
		this.sweeper.sweep();
		assertThat(this.credits.account(userId).balance()).isEqualTo(100 - 5);
	}

	@Test
	void refusesWhatTheBalanceDoesNotCoverUntilAnAdministratorGrantsMore() {
		Api api = this.api;
		String userId = UUID.randomUUID().toString();
		String token = TestTokens.member(userId).build();
		Api.Response refused = api.submit(token, "true #cost=500", "local", "Idempotency-Key", "k1");
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.text("type")).isEqualTo("https://warden.dev/problems/insufficient-credits");
		assertThat(refused.body().path("balance").asLong()).isEqualTo(100);
		assertThat(statusOf(UUID.fromString(refused.text("commandId")))).isEqualTo("NOT_RUN");

		String admin = TestTokens.admin("granter-" + UUID.randomUUID()).build();
		assertThat(
				api.post("/api/v1/credits/" + userId + "/grants", token, Map.of("amount", 1000, "note", "me")).status())
			.isEqualTo(403);
		Api.Response granted = api.post("/api/v1/credits/" + userId + "/grants", admin,
				Map.of("amount", 1000, "note", "project budget"));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.body().path("balance").asLong()).isEqualTo(1100);
		assertThat(api.post("/api/v1/credits/" + userId + "/grants", admin, Map.of("amount", -5000, "note", "oops"))
			.status()).isEqualTo(402);
		assertThat(
				api.post("/api/v1/credits/" + userId + "/grants", admin, Map.of("amount", 0, "note", "zero")).status())
			.isEqualTo(400);
		// Long.MIN_VALUE has no positive counterpart: it once slipped past the limit.
		for (long amount : new long[] { Long.MIN_VALUE, Long.MAX_VALUE, -1_000_001 }) {
			Api.Response outOfRange = api.post("/api/v1/credits/" + userId + "/grants", admin,
					Map.of("amount", amount, "note", "out of range"));
			assertThat(outOfRange.status()).as("amount %d", amount).isEqualTo(400);
			assertThat(outOfRange.text("type")).isEqualTo("https://warden.dev/problems/validation");
		}

		// The refused request changed nothing a retry must respect: the same key now runs
		// it.
		Api.Response retried = api.submit(token, "true #cost=500", "local", "Idempotency-Key", "k1");
		assertThat(retried.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/credits/me", token).body().path("balance").asLong()).isEqualTo(600);
		assertLedgerSumsToBalance(userId);
	}

	private void assertLedgerSumsToBalance(String userId) {
		Map<String, Object> sums = this.jdbc
			.sql("select coalesce(sum(available_delta), 0) as available, coalesce(sum(reserved_delta), 0) as reserved "
					+ "from credit_entries where user_id = ?")
			.param(userId)
			.query()
			.singleRow();
		Map<String, Object> account = this.jdbc.sql("select balance, reserved from credit_accounts where user_id = ?")
			.param(userId)
			.query()
			.singleRow();
		assertThat(((Number) sums.get("available")).longValue())
			.isEqualTo(((Number) account.get("balance")).longValue());
		assertThat(((Number) sums.get("reserved")).longValue())
			.isEqualTo(((Number) account.get("reserved")).longValue());
	}

	private long commandsOf(String userId) {
		return this.jdbc.sql("select count(*) from commands where user_id = ? and status <> 'NOT_RUN'")
			.param(userId)
			.query(Long.class)
			.single();
	}

	private String settlementOf(UUID id) {
		return this.jdbc.sql("select settlement from commands where id = ?").param(id).query(String.class).single();
	}

	private String statusOf(UUID id) {
		return this.jdbc.sql("select status from commands where id = ?").param(id).query(String.class).single();
	}

	/**
	 * Fails every n-th run right after its outcome is saved, before its credits are
	 * settled.
	 */
	static final class FaultyObserver implements ExecutionObserver {

		private final AtomicInteger runs = new AtomicInteger();

		private volatile int every;

		void failEvery(int n) {
			this.every = n;
		}

		@Override
		public void outcomeSaved(UUID commandId) {
			int n = this.every;
			if (n > 0 && this.runs.incrementAndGet() % n == 0) {
				throw new IllegalStateException("Injected fault between execution and charge");
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Faults {

		@Bean
		FaultyObserver faultyObserver() {
			return new FaultyObserver();
		}

	}

}
