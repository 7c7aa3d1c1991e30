package dev.warden.benchaudit;

import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmark's parameters, from the environment (bench/audit-ingest.sh passes them
 * on).
 *
 * @param events events per round, loaded into Kafka and drained by each consumer
 * @param warmupEvents events of an unreported first round that warms both consumers up
 * @param rounds rounds; the two consumers alternate which drains first
 * @param lagSeconds how long the steady producer runs in the lag phase
 * @param lagWarmupSeconds the first seconds of the lag phase, left out of its figures
 * @param lagRate events per second of the lag phase; 0 means half the chained ingest's
 * median rate
 * @param producerThreads threads of the steady producer
 * @param lagTransactionSize events per transaction in the lag phase: 1 (the default) is
 * one request of a producing service per event; more shares the producer's cost per
 * transaction among its events, so that on a small machine the producer does not take the
 * CPU that the pipeline under test needs
 * @param loadTransactionSize events per transaction when loading a round
 * @param data where PostgreSQL and Kafka keep their data; deleted first
 */
record Settings(int events, int warmupEvents, int rounds, int lagSeconds, int lagWarmupSeconds, double lagRate,
		int producerThreads, int lagTransactionSize, int loadTransactionSize, Path data) {

	static Settings from(Map<String, String> environment) {
		int events = number(environment, "EVENTS", 20_000);
		return new Settings(events, number(environment, "WARMUP_EVENTS", events / 2), number(environment, "ROUNDS", 3),
				number(environment, "LAG_SECONDS", 30), number(environment, "LAG_WARMUP_SECONDS", 5),
				Double.parseDouble(environment.getOrDefault("LAG_RATE", "0")),
				number(environment, "PRODUCER_THREADS", 16), positive(environment, "LAG_TRANSACTION_SIZE", 1),
				number(environment, "LOAD_TRANSACTION_SIZE", 50),
				Path.of(environment.getOrDefault("BENCH_DATA", "/tmp/warden-audit-bench")));
	}

	private static int positive(Map<String, String> environment, String name, int fallback) {
		int value = number(environment, name, fallback);
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, not " + value);
		}
		return value;
	}

	private static int number(Map<String, String> environment, String name, int fallback) {
		String value = environment.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.strip());
	}

}
