package dev.warden.benchaudit;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How the benchmark reads its settings and turns commits into a rate. */
class MeasurementUnitTests {

	@Test
	void aDrainsRateLeavesOutItsFirstCommitAndTheTimeBeforeIt() {
		// 1,000 events: 100 in a first commit at t = 10 s (after a slow wake-up), the
		// other 900 by t = 10.5 s.
		AuditIngestBenchmark.Drain drain = new AuditIngestBenchmark.Drain("plain consumer", 1, 1000, 10, 10_000_000,
				10_500_000, 100, 0);
		assertThat(drain.rate()).isEqualTo(1800.0);
	}

	@Test
	void aDrainOfOneCommitHasNoRate() {
		AuditIngestBenchmark.Drain drain = new AuditIngestBenchmark.Drain("plain consumer", 1, 500, 1, 10_000_000,
				10_000_000, 500, 0);
		assertThat(drain.rate()).isNaN();
	}

	@Test
	void settingsComeFromTheEnvironmentWithDefaults() {
		Settings defaults = Settings.from(Map.of());
		assertThat(defaults.events()).isEqualTo(20_000);
		assertThat(defaults.warmupEvents()).isEqualTo(10_000);
		assertThat(defaults.rounds()).isEqualTo(3);
		assertThat(defaults.lagRate()).isZero();
		assertThat(defaults.lagTransactionSize()).isEqualTo(1);
		assertThat(defaults.lagAtHalfThePipeline()).isTrue();
		assertThat(defaults.lagAtHalfTheIngest()).isTrue();
		assertThat(defaults.pipelineSeconds()).isEqualTo(20);
		assertThat(defaults.pipelineBacklog()).isEqualTo(2000);
		assertThat(defaults.data()).isEqualTo(Path.of("/tmp/warden-audit-bench"));

		Settings chosen = Settings
			.from(Map.of("EVENTS", "5000", "LAG_RATE", "1000", "ROUNDS", " 1 ", "BENCH_DATA", "/tmp/elsewhere",
					"WARMUP_EVENTS", "0", "LAG_TRANSACTION_SIZE", "8", "LAG_BASIS", "ingest", "PIPELINE_SECONDS", "0"));
		assertThat(chosen.events()).isEqualTo(5000);
		assertThat(chosen.warmupEvents()).isZero();
		assertThat(chosen.rounds()).isEqualTo(1);
		assertThat(chosen.lagRate()).isEqualTo(1000.0);
		assertThat(chosen.data()).isEqualTo(Path.of("/tmp/elsewhere"));
		assertThat(chosen.lagTransactionSize()).isEqualTo(8);
		assertThat(chosen.lagAtHalfThePipeline()).isFalse();
		assertThat(chosen.lagAtHalfTheIngest()).isTrue();
		assertThat(chosen.pipelineSeconds()).isZero();
	}

	@Test
	void aLagTransactionWithoutEventsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.from(Map.of("LAG_TRANSACTION_SIZE", "0")))
			.withMessageContaining("LAG_TRANSACTION_SIZE");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.from(Map.of("LAG_BASIS", "outbox")))
			.withMessageContaining("LAG_BASIS");
	}

}
