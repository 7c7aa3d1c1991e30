package dev.warden.benchaudit;

import java.nio.file.Path;
import java.util.List;
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
 * @param lagRate events per second of a single lag phase; 0 means one phase at half of
 * each maximum that {@code lagBasis} names
 * @param lagBasis which maxima the lag phases run at half of: {@code pipeline} (the
 * end-to-end maximum), {@code ingest} (audit-service's drain rate) or {@code both}
 * @param pipelineSeconds how long the end-to-end maximum is measured (after its warm-up);
 * 0 skips it
 * @param pipelineWarmupSeconds the first seconds of that phase, left out
 * @param pipelineBacklog how many events may be written and not yet stored before the
 * writers of that phase wait
 * @param producerThreads threads of the steady producer
 * @param lagTransactionSize events per transaction in the lag phase: 1 (the default) is
 * one request of a producing service per event; more shares the producer's cost per
 * transaction among its events, so that on a small machine the producer does not take the
 * CPU that the pipeline under test needs
 * @param loadTransactionSize events per transaction when loading a round
 * @param data where PostgreSQL and Kafka keep their data; deleted first
 */
record Settings(int events, int warmupEvents, int rounds, int lagSeconds, int lagWarmupSeconds, double lagRate,
		String lagBasis, int pipelineSeconds, int pipelineWarmupSeconds, int pipelineBacklog, int producerThreads,
		int lagTransactionSize, int loadTransactionSize, Path data) {

	static Settings from(Map<String, String> environment) {
		int events = number(environment, "EVENTS", 20_000);
		return new Settings(events, number(environment, "WARMUP_EVENTS", events / 2), number(environment, "ROUNDS", 3),
				number(environment, "LAG_SECONDS", 30), number(environment, "LAG_WARMUP_SECONDS", 5),
				Double.parseDouble(environment.getOrDefault("LAG_RATE", "0")), basis(environment),
				number(environment, "PIPELINE_SECONDS", 20), number(environment, "PIPELINE_WARMUP_SECONDS", 5),
				positive(environment, "PIPELINE_BACKLOG", 2000), number(environment, "PRODUCER_THREADS", 16),
				positive(environment, "LAG_TRANSACTION_SIZE", 1), number(environment, "LOAD_TRANSACTION_SIZE", 50),
				Path.of(environment.getOrDefault("BENCH_DATA", "/tmp/warden-audit-bench")));
	}

	boolean lagAtHalfThePipeline() {
		return this.lagBasis.equals("pipeline") || this.lagBasis.equals("both");
	}

	boolean lagAtHalfTheIngest() {
		return this.lagBasis.equals("ingest") || this.lagBasis.equals("both");
	}

	private static String basis(Map<String, String> environment) {
		String basis = environment.getOrDefault("LAG_BASIS", "both").strip();
		if (!List.of("pipeline", "ingest", "both").contains(basis)) {
			throw new IllegalArgumentException("LAG_BASIS must be pipeline, ingest or both, not " + basis);
		}
		return basis;
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
