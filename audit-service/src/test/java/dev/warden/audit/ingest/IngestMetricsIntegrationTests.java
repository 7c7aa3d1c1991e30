package dev.warden.audit.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest's metrics count what a reader can see: records are counted, and their lag
 * measured, when their transaction commits, once each. The Kafka listener does not start
 * here (another test class's consumers use the same group), so the writer is called as
 * the listener calls it.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA },
		properties = "spring.kafka.listener.auto-startup=false")
class IngestMetricsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	AuditWriter writer;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void measuresTheLagFromTheEventsTimeToItsCommitOncePerStoredRecord() {
		IncomingEvent event = event(Instant.now().minus(Duration.ofMinutes(10)));
		Timer lag = this.meters.get("warden.audit.ingest.lag").timer();
		long countBefore = lag.count();
		double secondsBefore = lag.totalTime(TimeUnit.SECONDS);
		double storedBefore = stored();

		assertThat(this.writer.append(List.of(event))).hasSize(1);

		assertThat(lag.count()).isEqualTo(countBefore + 1);
		assertThat(lag.totalTime(TimeUnit.SECONDS) - secondsBefore).isGreaterThanOrEqualTo(600);
		assertThat(stored()).isEqualTo(storedBefore + 1);

		// A replay stores nothing, so it is neither counted nor measured again.
		assertThat(this.writer.append(List.of(event))).isEmpty();
		assertThat(lag.count()).isEqualTo(countBefore + 1);
		assertThat(stored()).isEqualTo(storedBefore + 1);
	}

	@Test
	void countsNothingWhenTheTransactionRollsBack() {
		Timer lag = this.meters.get("warden.audit.ingest.lag").timer();
		long countBefore = lag.count();
		double storedBefore = stored();

		this.transactions.executeWithoutResult((status) -> {
			assertThat(this.writer.append(List.of(event(Instant.now())))).hasSize(1);
			status.setRollbackOnly();
		});

		assertThat(lag.count()).isEqualTo(countBefore);
		assertThat(stored()).isEqualTo(storedBefore);
	}

	private double stored() {
		return this.meters.get("warden.audit.records.stored").counter().count();
	}

	private static IncomingEvent event(Instant time) {
		UUID id = EventIds.next();
		Actor actor = new Actor(Actor.Kind.USER, "metrics-user", "Metrics User", List.of("MEMBER"), "10.0.0.9");
		return IncomingEvent.parse(JSON.writeValueAsString(new EventEnvelope<>(id, AuditRecorded.TYPE,
				AuditRecorded.VERSION, "command-service", time, "command-" + id, actor, null,
				new AuditRecorded("command.executed", Outcome.SUCCESS, "command", id.toString(), Map.of("n", 1)))));
	}

}
