package dev.warden.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.warden.audit.chain.AuditRecordRows;
import dev.warden.audit.chain.ChainCheckpoints;
import dev.warden.audit.chain.ChainHasher;
import dev.warden.audit.chain.Checkpoint;
import dev.warden.audit.ingest.IngestHook;
import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.EventIds;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.TestKafka;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * audit-service starts against real infrastructure, keeps the platform's contract, and
 * stores what services publish to {@code audit.events} once each, in a chain that shows
 * any change.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA },
		properties = { "warden.audit.ingest.retry-interval=100ms",
				// Checkpoints only when a test takes one, so none records a forged state.
				"warden.audit.checkpoints.interval=1h",
				// Three consumers append concurrently, so every test also checks the
				// chain never forks.
				"spring.kafka.listener.concurrency=3" })
class AuditServiceIntegrationTests implements ServiceContract {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static KafkaProducer<String, String> producer;

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	HaltingHook hook;

	@Autowired
	ChainCheckpoints checkpoints;

	@BeforeAll
	static void connect() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	@AfterAll
	static void disconnect() {
		producer.close();
	}

	@Test
	void storesEachEventOnceInOrderWithAValidChain() {
		String actor = "alice-" + UUID.randomUUID();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			UUID id = EventIds.next();
			ids.add(id);
			publish(actor, envelope(id, actor, "command.step" + i, Map.of("n", i, "ratio", 0.5)));
		}
		publish(actor, envelope(ids.get(2), actor, "command.step2", Map.of("n", 2, "ratio", 0.5)));
		UUID last = EventIds.next();
		publish(actor, envelope(last, actor, "command.done", Map.of()));

		await().atMost(PATIENCE).until(() -> stored(List.of(last)) == 1);
		List<String> actions = this.jdbc
			.sql("select action from audit_records where actor_id = :actor order by sequence")
			.param("actor", actor)
			.query(String.class)
			.list();
		assertThat(actions).containsExactly("command.step0", "command.step1", "command.step2", "command.step3",
				"command.step4", "command.done");
		assertThat(stored(ids)).isEqualTo(5);
		JsonNode verified = admin("/api/v1/audit-logs/verify");
		assertThat(verified.path("valid").asBoolean()).isTrue();
		assertThat(verified.path("checked").asLong()).isGreaterThanOrEqualTo(6);
	}

	@Test
	void concurrentConsumersExtendOneChainWithoutGaps() throws Exception {
		assertThat(this.listeners.getListenerContainer("audit-ingest")).isInstanceOfSatisfying(
				ConcurrentMessageListenerContainer.class,
				(container) -> assertThat(container.getConcurrency()).isEqualTo(3));
		String run = "many-" + UUID.randomUUID();
		List<UUID> ids = new ArrayList<>();
		List<Future<?>> sent = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			UUID id = EventIds.next();
			ids.add(id);
			String actor = run + "-" + (i % 24);
			sent.add(producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS, actor,
					envelope(id, actor, "many.step", Map.of("i", i)))));
		}
		for (Future<?> future : sent) {
			future.get();
		}
		await().atMost(PATIENCE).until(() -> stored(ids) == ids.size());
		List<Long> sequences = this.jdbc.sql("select sequence from audit_records order by sequence")
			.query(Long.class)
			.list();
		assertThat(sequences).doesNotHaveDuplicates();
		assertThat(sequences.getLast()).isEqualTo(sequences.size());
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void storesEveryEventExactlyOnceWhenTheConsumerStopsBetweenTheDatabaseAndTheOffsetCommit() {
		String actor = "crash-" + UUID.randomUUID();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(EventIds.next());
		}
		// Every delivery of these events fails after the database commit until the
		// container has been stopped, so no offset of theirs is committed before.
		this.hook.haltOn(Set.copyOf(ids));
		for (int i = 0; i < ids.size(); i++) {
			publish(actor, envelope(ids.get(i), actor, "crash.step" + i, Map.of()));
		}
		await().atMost(PATIENCE).until(() -> this.hook.deliveries(ids.getFirst()) >= 2);
		MessageListenerContainer container = this.listeners.getListenerContainer("audit-ingest");
		assertThat(container).isNotNull();
		container.stop();
		long deliveriesBeforeRestart = this.hook.deliveries(ids.getFirst());
		this.hook.release();
		container.start();

		await().atMost(PATIENCE).until(() -> this.hook.deliveries(ids.getFirst()) > deliveriesBeforeRestart);
		await().atMost(PATIENCE).until(() -> stored(ids) == ids.size());
		assertThat(this.jdbc.sql("select count(*) from audit_records where actor_id = :actor")
			.param("actor", actor)
			.query(Long.class)
			.single()).isEqualTo(ids.size());
		assertThat(this.jdbc.sql("select action from audit_records where actor_id = :actor order by sequence")
			.param("actor", actor)
			.query(String.class)
			.list()).containsExactly("crash.step0", "crash.step1", "crash.step2", "crash.step3", "crash.step4");
		// A readable event that failed for another reason is never dead-lettered.
		assertThat(this.jdbc.sql("select count(*) from dead_letters where payload like :actor")
			.param("actor", "%" + actor + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void deadLettersUnreadableRecordsAndStoresTheRecordsAfterThem() {
		String actor = "poison-" + UUID.randomUUID();
		UUID before = EventIds.next();
		UUID after = EventIds.next();
		publish(actor, envelope(before, actor, "poison.before", Map.of()));
		// The trace context it was sent with is kept, for a replay to send again.
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		publish(new ProducerRecord<>(Topics.AUDIT_EVENTS, null, actor, "{not json " + actor,
				List.of(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)),
						new RecordHeader("not-text", new byte[] { (byte) 0xff, (byte) 0xfe }))));
		publish(actor, envelope(EventIds.next(), actor, "poison.unknown", Map.of()).replace("audit.recorded",
				"audit.unheard-of"));
		publish(actor, envelope(after, actor, "poison.after", Map.of()));

		await().atMost(PATIENCE).until(() -> stored(List.of(before, after)) == 2);
		List<ConsumerRecord<String, String>> dead = TestKafka.read(Infrastructure.get().kafkaBootstrapServers(),
				Topics.deadLetter(Topics.AUDIT_EVENTS), (record) -> record.value().contains(actor), 2, PATIENCE);
		assertThat(dead).hasSize(2);
		assertThat(dead.get(0).value()).startsWith("{not json");
		assertThat(dead.get(1).value()).contains("audit.unheard-of");
		await().atMost(PATIENCE).untilAsserted(() -> {
			List<String> reasons = new ArrayList<>();
			List<JsonNode> headers = new ArrayList<>();
			admin("/api/v1/audit-logs/dead-letters?limit=500").forEach((row) -> {
				if (row.path("payload").asString().contains(actor)) {
					reasons.add(row.path("reason").asString());
				}
				if (row.path("payload").asString().startsWith("{not json " + actor)) {
					headers.add(row.path("headers"));
				}
			});
			assertThat(reasons).hasSize(2).anyMatch((reason) -> reason.contains("unknown event type"));
			assertThat(headers).singleElement()
				.satisfies(
						(kept) -> assertThat(kept.properties()).map(Map.Entry::getKey).containsExactly("traceparent"))
				.satisfies((kept) -> assertThat(kept.path("traceparent").asString()).isEqualTo(traceparent));
		});
	}

	@Test
	void verifyNamesTheRecordChangedBehindTheServicesBack() {
		String actor = "tamper-" + UUID.randomUUID();
		List<Long> sequences = publishAndAwait(actor, "tamper.step", Map.of("note", "original"), 3);
		long sequence = sequences.get(1);
		behindTheServicesBack("update audit_records set details = jsonb_set(details, '{note}', '\"forged\"') "
				+ "where sequence = " + sequence);
		try {
			JsonNode verified = admin("/api/v1/audit-logs/verify");
			assertThat(verified.path("valid").asBoolean()).isFalse();
			assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(sequence);
			assertThat(verified.path("eventId").asString())
				.isEqualTo(this.jdbc.sql("select event_id::text from audit_records where sequence = :sequence")
					.param("sequence", sequence)
					.query(String.class)
					.single());
			assertThat(verified.path("reason").asString()).isEqualTo("HASH_MISMATCH");
			JsonNode later = admin("/api/v1/audit-logs/verify?fromSequence=" + (sequence + 1));
			assertThat(later.path("valid").asBoolean()).isTrue();
		}
		finally {
			behindTheServicesBack("update audit_records set details = jsonb_set(details, '{note}', '\"original\"') "
					+ "where sequence = " + sequence);
		}
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void verifyNamesTheSequenceOfARecordRemovedBehindTheServicesBack() {
		String actor = "remove-" + UUID.randomUUID();
		List<Long> sequences = publishAndAwait(actor, "remove.step", Map.of(), 3);
		long sequence = sequences.get(1);
		this.jdbc.sql("create table removed_record as select * from audit_records where sequence = " + sequence)
			.update();
		behindTheServicesBack("delete from audit_records where sequence = " + sequence);
		try {
			JsonNode verified = admin("/api/v1/audit-logs/verify");
			assertThat(verified.path("valid").asBoolean()).isFalse();
			assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(sequence);
			assertThat(verified.path("reason").asString()).isEqualTo("MISSING_RECORD");
		}
		finally {
			this.jdbc.sql("insert into audit_records select * from removed_record").update();
			this.jdbc.sql("drop table removed_record").update();
		}
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void aCheckpointRevealsARewriteThatKeepsTheChainItselfIntact() {
		String actor = "rewrite-" + UUID.randomUUID();
		List<Long> sequences = publishAndAwait(actor, "rewrite.step", Map.of("note", "original"), 3);
		long forged = sequences.get(1);
		Checkpoint checkpoint = this.checkpoints.publish().orElseThrow();
		long head = checkpoint.sequence();
		assertThat(head).isGreaterThan(forged);
		List<Map<String, Object>> originals = this.jdbc
			.sql("select sequence, details::text as details, hash, previous_hash from audit_records "
					+ "where sequence between :forged and :head")
			.param("forged", forged)
			.param("head", head)
			.query()
			.listOfRows();
		// What someone with the database and this code could do: change a record, then
		// recompute its hash and every link after it up to the head.
		behindTheServicesBack("update audit_records set details = jsonb_set(details, '{note}', '\"forged\"') "
				+ "where sequence = " + forged);
		for (long sequence = forged; sequence <= head; sequence++) {
			String hash = ChainHasher.hash(this.jdbc
				.sql("select " + AuditRecordRows.COLUMNS + " from audit_records where sequence = " + sequence)
				.query(AuditRecordRows.MAPPER)
				.single());
			behindTheServicesBack("update audit_records set hash = '" + hash + "' where sequence = " + sequence);
			if (sequence < head) {
				behindTheServicesBack(
						"update audit_records set previous_hash = '" + hash + "' where sequence = " + (sequence + 1));
			}
		}
		try {
			JsonNode beforeTheCheckpoint = admin("/api/v1/audit-logs/verify?toSequence=" + (head - 1));
			assertThat(beforeTheCheckpoint.path("valid").asBoolean())
				.as("the rewritten chain holds by itself: only the checkpoint can tell")
				.isTrue();
			JsonNode verified = admin("/api/v1/audit-logs/verify");
			assertThat(verified.path("valid").asBoolean()).isFalse();
			assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(head);
			assertThat(verified.path("reason").asString()).isEqualTo("CHECKPOINT_MISMATCH");
		}
		finally {
			for (Map<String, Object> row : originals) {
				behindTheServicesBack(
						"update audit_records set details = '" + row.get("details").toString().replace("'", "''")
								+ "'::jsonb, hash = '" + row.get("hash") + "', previous_hash = '"
								+ row.get("previous_hash") + "' where sequence = " + row.get("sequence"));
			}
		}
		JsonNode restored = admin("/api/v1/audit-logs/verify");
		assertThat(restored.path("valid").asBoolean()).isTrue();
		assertThat(restored.path("checkpoints").asLong()).isGreaterThanOrEqualTo(1);
		// No signing keys here: the checkpoints are unsigned, and the answer says so.
		assertThat(checkpoint.signature()).isNull();
		assertThat(restored.path("signed").asBoolean()).isFalse();
	}

	@Test
	void aCheckpointRevealsRecordsRemovedFromTheEnd() {
		String actor = "truncate-" + UUID.randomUUID();
		List<Long> sequences = publishAndAwait(actor, "truncate.step", Map.of(), 2);
		long head = this.checkpoints.publish().orElseThrow().sequence();
		long first = sequences.get(1);
		this.jdbc.sql("create table truncated_records as select * from audit_records where sequence >= " + first)
			.update();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local session_replication_role = replica").update();
			this.jdbc.sql("delete from audit_records where sequence >= " + first).update();
		});
		try {
			JsonNode verified = admin("/api/v1/audit-logs/verify");
			assertThat(verified.path("valid").asBoolean()).isFalse();
			assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(first);
			assertThat(verified.path("reason").asString()).isEqualTo("TRUNCATED");
			assertThat(first).isLessThanOrEqualTo(head);
		}
		finally {
			this.jdbc.sql("insert into audit_records select * from truncated_records").update();
			this.jdbc.sql("drop table truncated_records").update();
		}
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveRecords() {
		String actor = "append-" + UUID.randomUUID();
		UUID id = EventIds.next();
		publish(actor, envelope(id, actor, "append.only", Map.of()));
		await().atMost(PATIENCE).until(() -> stored(List.of(id)) == 1);
		assertThatThrownBy(() -> this.jdbc.sql("update audit_records set action = 'x' where event_id = :id")
			.param("id", id)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from audit_records where event_id = :id").param("id", id).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from audit_event_ids where event_id = :id").param("id", id).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("truncate audit_records").update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThat(stored(List.of(id))).isEqualTo(1);
	}

	@Test
	void showsMembersOnlyTheirOwnRecordsAndKeepsTheRestForAdmins() {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		UUID aliceEvent = EventIds.next();
		UUID bobEvent = EventIds.next();
		publish(alice, envelope(aliceEvent, alice, "command.executed", Map.of()));
		publish(bob, envelope(bobEvent, bob, "command.executed", Map.of()));
		await().atMost(PATIENCE).until(() -> stored(List.of(aliceEvent, bobEvent)) == 2);

		String aliceToken = TestTokens.member(alice).build();
		JsonNode mine = get("/api/v1/audit-logs/me", aliceToken);
		assertThat(mine.path("items")).hasSize(1);
		assertThat(mine.path("items").get(0).path("eventId").asString()).isEqualTo(aliceEvent.toString());
		for (String path : List.of("/api/v1/audit-logs", "/api/v1/audit-logs?actorId=" + bob,
				"/api/v1/audit-logs/verify", "/api/v1/audit-logs/dead-letters")) {
			this.http.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + aliceToken)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "forbidden");
		}
		JsonNode bobs = admin("/api/v1/audit-logs?actorId=" + bob + "&action=command.&outcome=SUCCESS");
		assertThat(bobs.path("items")).hasSize(1);
		assertThat(bobs.path("items").get(0).path("eventId").asString()).isEqualTo(bobEvent.toString());
		assertThat(admin("/api/v1/audit-logs?actorId=" + bob + "&action=rule.").path("items")).isEmpty();
	}

	@Test
	void refusesBadParametersWithProblems() {
		String admin = TestTokens.admin("admin-1").build();
		for (String path : List.of("/api/v1/audit-logs?limit=0", "/api/v1/audit-logs?limit=501",
				"/api/v1/audit-logs/verify?fromSequence=0", "/api/v1/audit-logs/me?cursor=-1",
				"/api/v1/audit-logs?outcome=MAYBE")) {
			this.http.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "validation");
		}
		this.http.get()
			.uri("/api/v1/audit-logs/verify?fromSequence=one")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "malformed-request");
	}

	@Test
	void exposesTheIngestCounters() {
		String metrics = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).contains("warden_audit_records_stored_total", "warden_audit_records_duplicates_total",
				"warden_audit_records_dead_lettered_total");
	}

	/**
	 * Publishes events of one actor and waits until all are stored.
	 * @return their sequences, in the order published
	 */
	private List<Long> publishAndAwait(String actor, String action, Map<String, Object> details, int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID id = EventIds.next();
			ids.add(id);
			publish(actor, envelope(id, actor, action, details));
		}
		await().atMost(PATIENCE).until(() -> stored(ids) == count);
		List<Long> sequences = new ArrayList<>();
		for (UUID id : ids) {
			sequences.add(this.jdbc.sql("select sequence from audit_records where event_id = :id")
				.param("id", id)
				.query(Long.class)
				.single());
		}
		return sequences;
	}

	private long stored(List<UUID> ids) {
		return this.jdbc.sql("select count(*) from audit_records where event_id in (:ids)")
			.param("ids", ids)
			.query(Long.class)
			.single();
	}

	/** Runs a statement with triggers off, as a superuser could. */
	private void behindTheServicesBack(String sql) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local session_replication_role = replica").update();
			assertThat(this.jdbc.sql(sql).update()).isEqualTo(1);
		});
	}

	private JsonNode admin(String path) {
		return get(path, TestTokens.admin("admin-1").build());
	}

	private JsonNode get(String path, String token) {
		String body = this.http.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static void publish(String key, String value) {
		publish(new ProducerRecord<>(Topics.AUDIT_EVENTS, key, value));
	}

	private static void publish(ProducerRecord<String, String> record) {
		try {
			producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String envelope(UUID id, String actorId, String action, Map<String, Object> details) {
		Actor actor = new Actor(Actor.Kind.USER, actorId, actorId + " name", List.of("MEMBER"), "10.0.0.7");
		return JSON.writeValueAsString(new EventEnvelope<>(id, AuditRecorded.TYPE, AuditRecorded.VERSION,
				"command-service", Instant.now(), "command-" + id, actor, "4bf92f3577b34da6a3ce929d0e0e4736",
				new AuditRecorded(action, Outcome.SUCCESS, "command", id.toString(), details)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		HaltingHook haltingHook() {
			return new HaltingHook();
		}

	}

	/**
	 * Fails every poll holding chosen events after its database commit, until released: a
	 * consumer that dies in that window, again and again.
	 */
	static class HaltingHook implements IngestHook {

		private final Map<UUID, Integer> deliveries = new ConcurrentHashMap<>();

		private volatile Set<UUID> haltOn = Set.of();

		void haltOn(Set<UUID> ids) {
			this.haltOn = ids;
		}

		void release() {
			this.haltOn = Set.of();
		}

		int deliveries(UUID id) {
			return this.deliveries.getOrDefault(id, 0);
		}

		@Override
		public void afterDatabaseCommit(List<UUID> eventIds) {
			eventIds.forEach((id) -> this.deliveries.merge(id, 1, Integer::sum));
			if (eventIds.stream().anyMatch(this.haltOn::contains)) {
				throw new IllegalStateException("halted between the database commit and the offset commit");
			}
		}

	}

}
