package dev.warden.platform.testapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.embedded.KafkaServer;
import dev.warden.platform.outbox.EventHeaders;
import dev.warden.platform.outbox.Outbox;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestKafka;
import dev.warden.testsupport.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the Kafka broker, writes events, starts the broker again, and checks that every
 * event arrives exactly once and in order per key. This test has a broker of its own,
 * in-process and on fixed ports, because a restarted container would come back on another
 * port.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.REDIS },
		properties = { "warden.outbox.send-timeout=3s", "warden.outbox.max-backoff=1s",
				"warden.outbox.initial-backoff=100ms", "warden.outbox.poll-interval=100ms" })
@DirtiesContext
class OutboxBrokerOutageIntegrationTests {

	private static final String TOPIC = "outage.test";

	private static KafkaServer broker;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void ownBroker(DynamicPropertyRegistry registry) throws Exception {
		Path directory = Files.createTempDirectory("outage-kafka-");
		broker = KafkaServer.start(directory, 0, 0);
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void deliversEventsWrittenWhileTheBrokerWasDownExactlyOnceAndInOrderPerKey() {
		broker.stopBroker();

		List<UUID> written = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			int sequence = i;
			String key = "key-" + (i % 3);
			// Returns at once: the write is a database insert, Kafka is not involved.
			UUID id = this.transactions
				.execute((status) -> this.outbox.publish(TOPIC, "sequence.step", 1, key, Map.of("sequence", sequence)))
				.id();
			written.add(id);
		}
		assertThat(pending()).isEqualTo(30);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.meters.get("warden.outbox.failed").counter().count()).isPositive());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("warden.outbox.backlog").gauge().value()).isEqualTo(30));

		broker.startBroker();

		await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
		List<ConsumerRecord<String, String>> records = TestKafka.read(broker.bootstrapServers(), TOPIC,
				(record) -> true, 30, Duration.ofSeconds(30));
		// Nothing arrives twice, not even a little later.
		assertThat(TestKafka.read(broker.bootstrapServers(), TOPIC, (record) -> true, 31, Duration.ofSeconds(3)))
			.hasSize(30);

		List<String> ids = records.stream().map((record) -> TestKafka.header(record, EventHeaders.EVENT_ID)).toList();
		assertThat(ids).hasSize(30).doesNotHaveDuplicates();
		assertThat(ids).containsExactlyInAnyOrderElementsOf(written.stream().map(UUID::toString).toList());
		Map<String, Integer> lastSequence = new HashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			int sequence = this.json.readTree(record.value()).get("data").get("sequence").asInt();
			Integer previous = lastSequence.put(record.key(), sequence);
			assertThat(previous == null || previous < sequence)
				.as("order of key %s: %s after %s", record.key(), sequence, previous)
				.isTrue();
		}
	}

	private long pending() {
		return this.jdbc.sql("select count(*) from platform.outbox_event where topic = ? and published_at is null")
			.param(TOPIC)
			.query(Long.class)
			.single();
	}

}
