package dev.warden.audit.log;

import java.time.Duration;
import java.util.UUID;

import dev.warden.audit.SilentKafkaIntegrationTestSupport;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Kafka does not answer, replaying a dead letter answers {@code 503} within
 * {@code replay-timeout}, not after the producer's default wait for metadata (60 s), and
 * the dead letter stays unreplayed so that the admin can try again. "Kafka" here is a
 * socket that accepts connections and never answers: a broker that hangs, the worse case
 * than one that refuses.
 */
class DeadLetterReplayUnavailableIntegrationTests extends SilentKafkaIntegrationTestSupport {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void answersServiceUnavailableWithinTheReplayTimeoutAndReplaysNothing() {
		long id = this.jdbc
			.sql("insert into dead_letters (topic, record_partition, record_offset, record_key, payload, reason, "
					+ "dead_letter_topic) values ('audit.events', 98, :offset, 'k', '{\"id\":\"x\"}', "
					+ "'unknown event type', 'audit.events.dlt') returning id")
			.param("offset", Math.abs(UUID.randomUUID().getMostSignificantBits()))
			.query(Long.class)
			.single();
		for (int attempt = 0; attempt < 2; attempt++) {
			long started = System.nanoTime();
			this.http.post()
				.uri("/api/v1/audit-logs/dead-letters/" + id + "/replay")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("admin-1").build())
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(ServiceContract.PROBLEMS + "service-unavailable")
				.jsonPath("$.detail")
				.isEqualTo("Kafka did not take the record; nothing was replayed.")
				.jsonPath("$.trace")
				.doesNotExist();
			// Bounded by replay-timeout (2 s), not by the producer's max.block.ms (60 s);
			// the margin is for a loaded machine.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		}
		assertThat(this.jdbc.sql("select replayed_at is null and replayed_by is null from dead_letters where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).as("still to be replayed").isTrue();
		assertThat(this.jdbc
			.sql("select count(*) from audit_records where action = 'audit.dead-letter.replayed' and resource_id = :id")
			.param("id", Long.toString(id))
			.query(Long.class)
			.single()).isZero();
	}

}
