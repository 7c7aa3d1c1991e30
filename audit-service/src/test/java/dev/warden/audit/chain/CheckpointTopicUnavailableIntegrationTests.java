package dev.warden.audit.chain;

import java.time.Duration;

import dev.warden.audit.SilentKafkaIntegrationTestSupport;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When the checkpoint topic cannot be read, verify answers that it could not check (a
 * {@code service-unavailable} problem) within {@code read-timeout}, never a verdict, and
 * the rest of the service keeps answering; publishing a checkpoint fails as quickly and
 * is tried again the next round. "Kafka" here is a socket that accepts connections and
 * never answers: a broker that hangs, the worse case than one that refuses.
 */
class CheckpointTopicUnavailableIntegrationTests extends SilentKafkaIntegrationTestSupport {

	private static final String PROBLEMS = ServiceContract.PROBLEMS;

	@Autowired
	RestTestClient http;

	@Autowired
	ChainCheckpoints checkpoints;

	@Autowired
	JdbcClient jdbc;

	@Test
	void verifyAnswersServiceUnavailableWhenTheCheckpointsCannotBeRead() {
		for (int attempt = 0; attempt < 2; attempt++) {
			long started = System.nanoTime();
			this.http.get()
				.uri("/api/v1/audit-logs/verify")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin())
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "service-unavailable")
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.detail")
				.isEqualTo("The chain's checkpoints could not be read from Kafka, so the chain was not verified.")
				.jsonPath("$.valid")
				.doesNotExist()
				.jsonPath("$.trace")
				.doesNotExist();
			// Bounded by read-timeout (2 s), not by a Kafka client default (30 s or
			// more); the margin is for a loaded machine.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		}
	}

	@Test
	void everythingElseKeepsAnswering() {
		this.http.get()
			.uri("/api/v1/audit-logs/verify")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin())
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		for (String path : new String[] { "/api/v1/audit-logs", "/api/v1/audit-logs/stats",
				"/api/v1/audit-logs/dead-letters" }) {
			this.http.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin())
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.http.get()
			.uri("/api/v1/audit-logs/verify?fromSequence=0")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "validation");
		this.http.get()
			.uri("/api/v1/audit-logs/verify")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.member("member-1").build())
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void publishingACheckpointFailsWithinTheReadTimeoutAndIsTriedAgainNextRound() {
		String hash = "a".repeat(64);
		this.jdbc.sql("""
				insert into audit_records (sequence, event_id, time, service, subject, actor_kind, actor_id,
				    actor_name, actor_roles, action, outcome, resource_type, details, hash, previous_hash)
				select coalesce(max(sequence), 0) + 1, gen_random_uuid(), now(), 'command-service', 'command-x',
				    'USER', 'u', 'U', array['MEMBER'], 'checkpoint.unpublished', 'SUCCESS', 'command', '{}'::jsonb,
				    :hash, :hash
				from audit_records
				""").param("hash", hash).update();
		for (int round = 0; round < 2; round++) {
			long started = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(this.checkpoints::publish)
				.withMessage("Kafka did not take the checkpoint");
			// Not the producer's default of 60 s for the topic's metadata.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		}
	}

	private static String admin() {
		return TestTokens.admin("admin-1").build();
	}

}
