package dev.warden.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestKafka;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a signing key configured, verify uses only checkpoints a configured key confirms:
 * one written to the topic by anyone else is reported as {@code CHECKPOINT_FORGED}, a
 * genuine one still reveals a rewrite, and checkpoints signed before a key rotation keep
 * verifying. Records are appended here as the ingest appends them (the ingest's listener
 * does not start: another context's consumers share its group), and every verification
 * covers only its own test's records, so that a forgery left on the topic by one test
 * (the topic keeps everything) cannot decide another's.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA },
		properties = { "spring.kafka.listener.auto-startup=false", "warden.audit.checkpoints.interval=1h",
				"warden.audit.checkpoints.signing-key-id=current" })
class CheckpointSigningIntegrationTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The key that signed checkpoints before the rotation: its public key is still a
	 * verification key.
	 */
	private static final KeyPair PREVIOUS_KEY = randomKey();

	private static final KeyPair CURRENT_KEY = randomKey();

	/** A key that is not configured (any more): it confirms nothing. */
	private static final KeyPair RETIRED_KEY = randomKey();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static KafkaProducer<String, String> producer;

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ChainCheckpoints checkpoints;

	@Autowired
	CheckpointProperties properties;

	@Autowired
	KafkaProperties kafkaProperties;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("warden.audit.checkpoints.signing-key", () -> CheckpointSignerUnitTests.privateOf(CURRENT_KEY));
		registry.add("warden.audit.checkpoints.verification-keys.previous",
				() -> CheckpointSignerUnitTests.publicOf(PREVIOUS_KEY));
	}

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
	void publishesSignedCheckpointsThatStillRevealARewrite() {
		List<Long> sequences = append("rewrite", 3);
		long first = sequences.getFirst();
		Checkpoint checkpoint = this.checkpoints.publish().orElseThrow();
		long head = checkpoint.sequence();
		assertThat(head).isEqualTo(sequences.getLast());
		assertThat(checkpoint.kid()).isEqualTo("current");
		List<ConsumerRecord<String, String>> published = TestKafka
			.read(Infrastructure.get().kafkaBootstrapServers(), ChainCheckpoints.TOPIC,
					(record) -> this.properties.chain().equals(record.key())
							&& JSON.readTree(record.value()).path("sequence").asLong() == head,
					1, Duration.ofSeconds(30));
		assertThat(published).hasSize(1);
		JsonNode onTheTopic = JSON.readTree(published.getFirst().value());
		assertThat(onTheTopic.path("kid").asString()).isEqualTo("current");
		assertThat(onTheTopic.path("signature").asString()).isEqualTo(checkpoint.signature()).isNotBlank();

		JsonNode intact = verify(first, head);
		assertThat(intact.path("valid").asBoolean()).isTrue();
		assertThat(intact.path("signed").asBoolean()).isTrue();
		assertThat(intact.path("checkpoints").asLong()).isEqualTo(1);

		rewriteFrom(sequences.get(1), head);
		assertThat(verify(first, head - 1).path("valid").asBoolean())
			.as("the rewritten chain holds by itself: only the checkpoint can tell")
			.isTrue();
		JsonNode verified = verify(first, head);
		assertThat(verified.path("valid").asBoolean()).isFalse();
		assertThat(verified.path("reason").asString()).isEqualTo("CHECKPOINT_MISMATCH");
		assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(head);
		assertThat(verified.path("signed").asBoolean()).isTrue();
	}

	@Test
	void publishesThePublicKeysSoThatAnAuditorCanCheckCheckpointsWithoutWarden() throws Exception {
		String body = this.http.get()
			.uri("/api/v1/audit-logs/checkpoint-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("admin-1").build())
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		JsonNode keys = JSON.readTree(body);
		assertThat(keys.path("algorithm").asString()).isEqualTo("Ed25519");
		assertThat(keys.path("signingKeyId").asString()).isEqualTo("current");
		assertThat(keys.path("keys").propertyNames()).containsExactly("current", "previous");
		assertThat(keys.path("keys").path("current").asString())
			.isEqualTo(CheckpointSignerUnitTests.publicOf(CURRENT_KEY));
		assertThat(keys.path("keys").path("previous").asString())
			.isEqualTo(CheckpointSignerUnitTests.publicOf(PREVIOUS_KEY));
		assertThat(body).doesNotContain(CheckpointSignerUnitTests.privateOf(CURRENT_KEY));

		// What an auditor does: read a checkpoint from the topic and check it with the
		// published key, with nothing of Warden's but the documented signed form.
		long head = append("auditor", 1).getLast();
		this.checkpoints.publish().orElseThrow();
		JsonNode published = JSON.readTree(
				TestKafka
					.read(Infrastructure.get().kafkaBootstrapServers(), ChainCheckpoints.TOPIC,
							(record) -> this.properties.chain().equals(record.key())
									&& JSON.readTree(record.value()).path("sequence").asLong() == head,
							1, Duration.ofSeconds(30))
					.getFirst()
					.value());
		String signedForm = "{\"at\":\"" + published.path("at").asString() + "\",\"chain\":\""
				+ published.path("chain").asString() + "\",\"hash\":\"" + published.path("hash").asString()
				+ "\",\"kid\":\"" + published.path("kid").asString() + "\",\"sequence\":" + head + "}";
		Signature ed25519 = Signature.getInstance("Ed25519");
		ed25519.initVerify(KeyFactory.getInstance("Ed25519")
			.generatePublic(new X509EncodedKeySpec(
					Base64.getDecoder().decode(keys.path("keys").path(published.path("kid").asString()).asString()))));
		ed25519.update(signedForm.getBytes(StandardCharsets.UTF_8));
		assertThat(ed25519.verify(Base64.getDecoder().decode(published.path("signature").asString()))).isTrue();
	}

	@Test
	void showsTheKeysOnlyToAdmins() {
		this.http.get()
			.uri("/api/v1/audit-logs/checkpoint-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("member-1").build())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get().uri("/api/v1/audit-logs/checkpoint-keys").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void reportsEveryCheckpointNoConfiguredKeyConfirmsAndNeverUsesIt() {
		List<Long> sequences = append("forged", 5);
		// Each forgery names a sequence of its own, and each verification covers just
		// that sequence, so that one forgery cannot hide another.
		long unsigned = sequences.get(0);
		long wrongKey = sequences.get(1);
		long otherKid = sequences.get(2);
		long alteredHash = sequences.get(3);
		long besideGenuine = sequences.get(4);
		// Even a forgery that agrees with the database is reported: it was written by
		// someone other than audit-service.
		forge(new Checkpoint(this.properties.chain(), unsigned, hashOf(unsigned), Instant.now()));
		forge(signer(RETIRED_KEY, "current")
			.sign(new Checkpoint(this.properties.chain(), wrongKey, hashOf(wrongKey), Instant.now())));
		forge(signer(RETIRED_KEY, "retired")
			.sign(new Checkpoint(this.properties.chain(), otherKid, hashOf(otherKid), Instant.now())));
		Checkpoint genuine = signer(CURRENT_KEY, "current")
			.sign(new Checkpoint(this.properties.chain(), alteredHash, hashOf(alteredHash), Instant.now()));
		forge(new Checkpoint(genuine.chain(), genuine.sequence(), "f".repeat(64), genuine.at(), genuine.kid(),
				genuine.signature()));
		assertThat(this.checkpoints.publish().orElseThrow().sequence()).isEqualTo(besideGenuine);
		forge(new Checkpoint(this.properties.chain(), besideGenuine, "e".repeat(64), Instant.now()));

		for (long sequence : List.of(unsigned, wrongKey, otherKid, alteredHash, besideGenuine)) {
			JsonNode verified = verify(sequence, sequence);
			assertThat(verified.path("valid").asBoolean()).as("sequence %d", sequence).isFalse();
			assertThat(verified.path("reason").asString()).as("sequence %d", sequence).isEqualTo("CHECKPOINT_FORGED");
			assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(sequence);
			assertThat(verified.path("eventId").asString()).isNotBlank();
			assertThat(verified.path("signed").asBoolean()).isTrue();
		}
		JsonNode whole = verify(unsigned, besideGenuine);
		assertThat(whole.path("reason").asString()).isEqualTo("CHECKPOINT_FORGED");
		assertThat(whole.path("firstBrokenSequence").asLong()).isEqualTo(unsigned);
	}

	@Test
	void reportsAForgedCheckpointBeyondTheLastRecordAsForgedNotTruncated() {
		long far = 1_000_000_000L + RANDOM.nextInt(1_000_000);
		forge(new Checkpoint(this.properties.chain(), far, "d".repeat(64), Instant.now()));
		JsonNode verified = verify(far - 10, far);
		assertThat(verified.path("valid").asBoolean()).isFalse();
		assertThat(verified.path("reason").asString()).isEqualTo("CHECKPOINT_FORGED");
		assertThat(verified.path("firstBrokenSequence").asLong()).isEqualTo(far);
	}

	@Test
	void keepsVerifyingCheckpointsSignedBeforeAKeyRotation() {
		// Before the rotation audit-service ran with only the previous key, and signed
		// with it.
		ChainCheckpoints beforeRotation = new ChainCheckpoints(this.jdbc, this.kafkaProperties, this.json,
				this.properties, signer(PREVIOUS_KEY, "previous"));
		long first = append("rotation", 2).getFirst();
		Checkpoint old;
		try {
			old = beforeRotation.publish().orElseThrow();
		}
		finally {
			beforeRotation.destroy();
		}
		assertThat(old.kid()).isEqualTo("previous");
		// Now it runs with both keys and signs with the current one.
		long head = append("rotation", 2).getLast();
		Checkpoint current = this.checkpoints.publish().orElseThrow();
		assertThat(current.kid()).isEqualTo("current");
		assertThat(current.sequence()).isEqualTo(head);

		JsonNode verified = verify(first, head);
		assertThat(verified.path("valid").asBoolean()).isTrue();
		assertThat(verified.path("checkpoints").asLong()).isEqualTo(2);
		assertThat(verified.path("signed").asBoolean()).isTrue();

		// The previous key still guards its checkpoints: a rewrite before it is caught
		// there.
		rewriteFrom(first, old.sequence());
		JsonNode rewritten = verify(first, old.sequence());
		assertThat(rewritten.path("reason").asString()).isEqualTo("CHECKPOINT_MISMATCH");
		assertThat(rewritten.path("firstBrokenSequence").asLong()).isEqualTo(old.sequence());
	}

	private CheckpointSigner signer(KeyPair key, String kid) {
		return new CheckpointSigner(CheckpointSignerUnitTests.privateOf(key), kid, Map.of());
	}

	private void forge(Checkpoint checkpoint) {
		try {
			producer
				.send(new ProducerRecord<>(ChainCheckpoints.TOPIC, this.properties.chain(),
						JSON.writeValueAsString(checkpoint)))
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Appends records to the chain, as the ingest does.
	 * @return their sequences
	 */
	private List<Long> append(String action, int count) {
		List<Long> sequences = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> last = this.jdbc
				.sql("select sequence, hash from audit_records order by sequence desc limit 1")
				.query()
				.listOfRows()
				.stream()
				.findFirst()
				.orElse(Map.of("sequence", 0L, "hash", ChainHasher.GENESIS));
			long sequence = ((Number) last.get("sequence")).longValue() + 1;
			String previous = (String) last.get("hash");
			UUID id = UUID.randomUUID();
			Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
			JsonNode details = JSON.readTree("{\"step\":" + i + "}");
			String hash = ChainHasher.hash(sequence, id, time, "command-service", "command-" + id, "USER", "signer",
					"Signer", List.of("MEMBER"), null, "checkpoint." + action, "SUCCESS", "command", id.toString(),
					details, null, previous);
			this.jdbc.sql("""
					insert into audit_records (sequence, event_id, time, service, subject, actor_kind, actor_id,
					    actor_name, actor_roles, client_address, action, outcome, resource_type, resource_id,
					    details, trace_id, hash, previous_hash)
					values (:sequence, :id, :time, 'command-service', :subject, 'USER', 'signer', 'Signer',
					    array['MEMBER'], null, :action, 'SUCCESS', 'command', :resource, cast(:details as jsonb),
					    null, :hash, :previous)
					""")
				.param("sequence", sequence)
				.param("id", id)
				.param("time", time.atOffset(ZoneOffset.UTC))
				.param("subject", "command-" + id)
				.param("action", "checkpoint." + action)
				.param("resource", id.toString())
				.param("details", details.toString())
				.param("hash", hash)
				.param("previous", previous)
				.update();
			sequences.add(sequence);
		}
		return sequences;
	}

	private String hashOf(long sequence) {
		return this.jdbc.sql("select hash from audit_records where sequence = :sequence")
			.param("sequence", sequence)
			.query(String.class)
			.single();
	}

	/**
	 * Changes a record and recomputes its hash and every link after it up to
	 * {@code head}, as someone with the database and this code could.
	 */
	private void rewriteFrom(long forged, long head) {
		behindTheServicesBack(
				"update audit_records set details = '{\"step\":\"forged\"}'::jsonb where sequence = " + forged);
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
	}

	/** Runs a statement with triggers off, as a superuser could. */
	private void behindTheServicesBack(String sql) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local session_replication_role = replica").update();
			assertThat(this.jdbc.sql(sql).update()).isEqualTo(1);
		});
	}

	private JsonNode verify(long from, long to) {
		String body = this.http.get()
			.uri("/api/v1/audit-logs/verify?fromSequence=" + from + "&toSequence=" + to)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("admin-1").build())
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static KeyPair randomKey() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
