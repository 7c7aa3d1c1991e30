package dev.warden.platform.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.outbox.EventHeaders;
import dev.warden.platform.outbox.Outbox;
import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestKafka;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class OutboxIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	@Autowired
	Audit audit;

	@Autowired
	JsonMapper json;

	@Test
	void deliversACommittedEventInItsEnvelopeWithTheTraceContext() {
		String eventId = this.http.post()
			.uri("/api/things")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("user-7").name("Ada").build())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"delivered-thing\",\"count\":3}")
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.get("eventId")
			.asString();

		List<ConsumerRecord<String, String>> records = TestKafka.read(Infrastructure.get().kafkaBootstrapServers(),
				Topics.RULES_EVENTS, (record) -> eventId.equals(TestKafka.header(record, EventHeaders.EVENT_ID)), 1,
				Duration.ofSeconds(30));

		assertThat(records).hasSize(1);
		ConsumerRecord<String, String> record = records.getFirst();
		assertThat(record.key()).isEqualTo("delivered-thing");
		assertThat(TestKafka.header(record, "traceparent")).isNotBlank();
		assertThat(TestKafka.header(record, EventHeaders.EVENT_TYPE)).isEqualTo("thing.created");
		JsonNode envelope = this.json.readTree(record.value());
		assertThat(envelope.get("id").asString()).isEqualTo(eventId);
		assertThat(envelope.get("type").asString()).isEqualTo("thing.created");
		assertThat(envelope.get("source").asString()).isEqualTo("platform-test");
		assertThat(envelope.get("subject").asString()).isEqualTo("delivered-thing");
		assertThat(envelope.get("actor").get("id").asString()).isEqualTo("user-7");
		assertThat(envelope.get("actor").get("name").asString()).isEqualTo("Ada");
		assertThat(envelope.get("traceId").asString()).isEqualTo(TestKafka.header(record, "traceparent").split("-")[1]);
		assertThat(envelope.get("data").get("count").asInt()).isEqualTo(3);
		// The audit record of the same transaction went to the audit topic.
		assertThat(this.jdbc
			.sql("select count(*) from platform.outbox_event where topic = ? and payload->'data'->>'resourceId' = ?")
			.params(Topics.AUDIT_EVENTS, "delivered-thing")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void leavesNoEventBehindWhenTheTransactionRollsBack() {
		this.http.post()
			.uri("/api/things/rollback")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("user-8").build())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"rolled-back-thing\",\"count\":1}")
			.exchange()
			.expectStatus()
			.isEqualTo(500);

		assertThat(this.jdbc.sql("select count(*) from platform.outbox_event where event_key = ?")
			.param("rolled-back-thing")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void refusesToWriteOutsideATransaction() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.outbox.publish(Topics.RULES_EVENTS, "thing.created", 1, "x", Map.of("a", 1)))
			.withMessageContaining("inside the transaction");
	}

	@Test
	void recordsAnAuditEventOnItsOwnOutsideATransaction() {
		var written = this.audit
			.record(AuditEntry.of("thing.refused", Outcome.DENIED, "thing", "refused-thing").detail("reason", "test"));

		Map<String, Object> row = this.jdbc
			.sql("select topic, event_key, payload->>'type' as type, payload->'data'->>'outcome' as outcome "
					+ "from platform.outbox_event where event_id = ?")
			.param(written.id())
			.query()
			.singleRow();
		assertThat(row).containsEntry("topic", Topics.AUDIT_EVENTS)
			.containsEntry("event_key", "platform-test")
			.containsEntry("type", "audit.recorded")
			.containsEntry("outcome", "DENIED");
	}

}
