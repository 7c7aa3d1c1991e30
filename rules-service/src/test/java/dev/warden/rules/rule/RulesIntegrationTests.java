package dev.warden.rules.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.contracts.Topics;
import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WardenIntegrationTest
class RulesIntegrationTests {

	private static final String ADMIN = "Bearer " + TestTokens.admin("admin-1").name("Ada").build();

	private static final String MEMBER = "Bearer " + TestTokens.member("member-1").build();

	private static final String SERVICE = "Bearer " + TestTokens.service("command-service").build();

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createsARuleKeepsItsHistoryAndAnnouncesIt() {
		String tool = unique("deploy");
		JsonNode created = call(HttpMethod.POST, "/api/v1/rules", rule(tool, "^" + tool + " prod", "BLOCK", "no prod"),
				ADMIN)
			.expectStatus()
			.isCreated()
			.returnResult(JsonNode.class)
			.getResponseBody();
		String id = created.get("id").asString();
		assertThat(created.get("version").asInt()).isEqualTo(1);
		assertThat(created.get("author").asString()).isEqualTo("Ada");

		evaluate(tool + " prod --now", MEMBER).expectBody()
			.jsonPath("$.decision")
			.isEqualTo("BLOCK")
			.jsonPath("$.matches[0].ruleName")
			.isEqualTo(tool)
			.jsonPath("$.policyVersion")
			.value((version) -> assertThat(((Number) version).longValue()).isPositive());

		call(HttpMethod.GET, "/api/v1/rules/" + id + "/history", null, ADMIN).expectBody()
			.jsonPath("$[0].change")
			.isEqualTo("CREATED")
			.jsonPath("$[0].changedByName")
			.isEqualTo("Ada")
			.jsonPath("$[0].reason")
			.isEqualTo("no prod");
		assertThat(this.jdbc.sql("select count(*) from platform.outbox_event where topic = ? and event_key = ?")
			.params(Topics.RULES_EVENTS, id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select count(*) from platform.outbox_event where topic = ? and payload->'data'->>'resourceId' = ?")
			.params(Topics.AUDIT_EVENTS, id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusesAConflictingRuleWithAWitnessUntilForcedWithAReason() {
		String tool = unique("kubectl");
		call(HttpMethod.POST, "/api/v1/rules", rule(tool + "-any", "^" + tool + " ", "REQUIRE_APPROVAL", null), ADMIN)
			.expectStatus()
			.isCreated();
		Map<String, Object> narrow = rule(tool + "-delete", "^" + tool + " delete ", "BLOCK", null);

		call(HttpMethod.POST, "/api/v1/rules", narrow, ADMIN).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/rule-conflict")
			.jsonPath("$.conflicts[0].ruleName")
			.isEqualTo(tool + "-any")
			.jsonPath("$.conflicts[0].relation")
			.isEqualTo("SUBSUMED_BY")
			.jsonPath("$.conflicts[0].witness")
			.isEqualTo(tool + " delete ");
		call(HttpMethod.POST, "/api/v1/rules?force=true", narrow, ADMIN).expectStatus().isBadRequest();

		Map<String, Object> withReason = rule(tool + "-delete", "^" + tool + " delete ", "BLOCK", "deletes are worse");
		call(HttpMethod.POST, "/api/v1/rules?force=true", withReason, ADMIN).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.acceptedConflicts[0].relation")
			.isEqualTo("SUBSUMED_BY");

		Map<String, Object> duplicate = rule(tool + "-copy", "^" + tool + " delete ", "BLOCK", "again");
		call(HttpMethod.POST, "/api/v1/rules?force=true", duplicate, ADMIN).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.conflicts[?(@.relation == 'EQUAL')].ruleName")
			.isEqualTo(List.of(tool + "-delete"));
	}

	/**
	 * A check compiles a candidate that has no id yet; what it reports must follow the
	 * candidate's own action, not that of an earlier candidate with the same pattern.
	 */
	@Test
	void checksEachCandidateWithItsOwnAction() {
		String tool = unique("helm");
		call(HttpMethod.POST, "/api/v1/rules", rule(tool + "-any", "^" + tool + " ", "REQUIRE_APPROVAL", null), ADMIN)
			.expectStatus()
			.isCreated();
		String uninstall = "^" + tool + " uninstall";
		// Anchored to this tool so that it cannot overlap rules of other tests sharing
		// the database.
		String overlapping = "^" + tool + " .*--purge( |$)";
		call(HttpMethod.POST, "/api/v1/rules", rule(tool + "-purge", overlapping, "BLOCK", null), ADMIN).expectStatus()
			.isEqualTo(409);
		call(HttpMethod.POST, "/api/v1/rules?force=true", rule(tool + "-purge", overlapping, "BLOCK", "test"), ADMIN)
			.expectStatus()
			.isCreated();

		call(HttpMethod.POST, "/api/v1/rules/check", rule("candidate", uninstall, "BLOCK", null), ADMIN).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.ruleName == '" + tool + "-purge')]")
			.doesNotExist();
		call(HttpMethod.POST, "/api/v1/rules/check", rule("candidate", uninstall, "ALLOW", null), ADMIN).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.ruleName == '" + tool + "-purge')].relation")
			.isEqualTo(List.of("OVERLAPS"));
	}

	@Test
	void namesWhereAPatternIsWrongAndRefusesWhatCannotBeAnalysed() {
		call(HttpMethod.POST, "/api/v1/rules", rule(unique("bad"), "^rm (-rf", "BLOCK", null), ADMIN).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/pattern-syntax")
			.jsonPath("$.position")
			.isEqualTo(4);
		call(HttpMethod.POST, "/api/v1/rules", rule(unique("backref"), "(a)\\1", "BLOCK", null), ADMIN).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("Backreferences"));
		call(HttpMethod.POST, "/api/v1/rules", rule(unique("huge"), "(a|b)*a(a|b){24}", "BLOCK", null), ADMIN)
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://warden.dev/problems/pattern-too-complex");
	}

	@Test
	void versionsEveryChangeAndRefusesAStaleOne() {
		String tool = unique("terraform");
		String id = call(HttpMethod.POST, "/api/v1/rules", rule(tool, "^" + tool + " apply", "REQUIRE_APPROVAL", null),
				ADMIN)
			.returnResult(JsonNode.class)
			.getResponseBody()
			.get("id")
			.asString();
		Map<String, Object> change = new java.util.HashMap<>(
				rule(tool, "^" + tool + " (apply|destroy)", "BLOCK", "destroy too"));
		change.put("version", 1);

		call(HttpMethod.PUT, "/api/v1/rules/" + id, change, ADMIN).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(2);
		call(HttpMethod.PUT, "/api/v1/rules/" + id, change, ADMIN).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentVersion")
			.isEqualTo(2);
		call(HttpMethod.DELETE, "/api/v1/rules/" + id + "?reason=obsolete", null, ADMIN).expectStatus().isNoContent();
		call(HttpMethod.GET, "/api/v1/rules/" + id, null, ADMIN).expectStatus().isNotFound();

		call(HttpMethod.GET, "/api/v1/rules/" + id + "/history", null, ADMIN).expectBody()
			.jsonPath("$[*].change")
			.value((changes) -> assertThat(changes.toString()).isEqualTo("[\"CREATED\",\"UPDATED\",\"DELETED\"]"))
			.jsonPath("$[1].pattern")
			.isEqualTo("^" + tool + " (apply|destroy)")
			.jsonPath("$[2].reason")
			.isEqualTo("obsolete");
		evaluate(tool + " destroy", MEMBER).expectBody().jsonPath("$.matches.length()").isEqualTo(0);
	}

	@Test
	void onlyAdministratorsChangeRulesAndMembersMayDryRun() {
		Map<String, Object> body = rule(unique("x"), "^x", "BLOCK", null);
		call(HttpMethod.POST, "/api/v1/rules", body, MEMBER).expectStatus().isForbidden();
		call(HttpMethod.POST, "/api/v1/rules", body, null).expectStatus().isUnauthorized();
		call(HttpMethod.GET, "/api/v1/rules", null, MEMBER).expectStatus().isForbidden();
		call(HttpMethod.DELETE, "/api/v1/rules/" + UUID.randomUUID(), null, MEMBER).expectStatus().isForbidden();
		call(HttpMethod.POST, "/api/v1/rules/import/default", null, MEMBER).expectStatus().isForbidden();
		evaluate("ls", MEMBER).expectStatus().isOk();
		evaluate("ls", null).expectStatus().isUnauthorized();
	}

	@Test
	void anAdministratorsTokenWithoutTheAdminScopeCannotChangeRules() {
		// An administrator's API key limited to commands (an agent's, say) acts as a
		// member, as in command-service and audit-service: it must not rewrite the
		// policy.
		String narrow = "Bearer " + TestTokens.admin("admin-2").scope("commands").build();
		String name = unique("narrow");
		call(HttpMethod.POST, "/api/v1/rules", rule(name, "^" + name, "ALLOW", null), narrow).expectStatus()
			.isForbidden();
		call(HttpMethod.GET, "/api/v1/rules", null, narrow).expectStatus().isForbidden();
		call(HttpMethod.DELETE, "/api/v1/rules/" + UUID.randomUUID(), null, narrow).expectStatus().isForbidden();
		call(HttpMethod.POST, "/api/v1/rules/import/default", null, narrow).expectStatus().isForbidden();
		evaluate("ls", narrow).expectStatus().isOk();
		call(HttpMethod.GET, "/api/v1/rules", null, ADMIN).expectStatus().isOk();
	}

	@Test
	void letsOnlyAdministratorsSimulateOtherRoles() {
		String tool = unique("backup");
		call(HttpMethod.POST, "/api/v1/rules",
				Map.of("name", tool, "pattern", "^" + tool + "$", "action", "ALLOW", "roles", List.of("ADMIN")), ADMIN)
			.expectStatus()
			.isCreated();

		call(HttpMethod.POST, "/api/v1/rules/evaluate", Map.of("command", tool, "roles", List.of("ADMIN")), MEMBER)
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("REQUIRE_APPROVAL");
		call(HttpMethod.POST, "/api/v1/rules/evaluate", Map.of("command", tool, "roles", List.of("MEMBER")), ADMIN)
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("REQUIRE_APPROVAL");
		call(HttpMethod.POST, "/api/v1/rules/evaluate", Map.of("command", tool), ADMIN).expectBody()
			.jsonPath("$.decision")
			.isEqualTo("ALLOW");
	}

	@Test
	void servesServicesOnTheInternalEndpointOnly() {
		Map<String, Object> body = Map.of("command", "ls; rm -rf /", "roles", List.of("MEMBER"));
		call(HttpMethod.POST, "/internal/v1/evaluate", body, MEMBER).expectStatus().isForbidden();
		call(HttpMethod.POST, "/internal/v1/evaluate", body, SERVICE).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.commands.length()")
			.isEqualTo(2)
			.jsonPath("$.explanation")
			.exists();
	}

	@Test
	void reloadsWhenAnotherReplicaAnnouncesAChange() {
		long before = policyVersion();
		// Another replica changed the policy: its row is in the database and its event on
		// Kafka.
		String tool = unique("helm");
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("insert into rules (id, name, pattern, action, author, version) values (?, ?, ?, 'BLOCK', 'other', 1)")
			.params(id, tool, "^" + tool + " uninstall")
			.update();
		long after = this.jdbc.sql("update policy set revision = revision + 1 returning revision")
			.query(Long.class)
			.single();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer
				.send(new ProducerRecord<>(Topics.RULES_EVENTS, id.toString(), "{\"type\":\"rules.rule-changed\"}"));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> policyVersion() >= after);
		assertThat(after).isGreaterThan(before);
		evaluate(tool + " uninstall x", MEMBER).expectBody().jsonPath("$.decision").isEqualTo("BLOCK");
	}

	private long policyVersion() {
		return call(HttpMethod.GET, "/api/v1/rules/policy", null, MEMBER).returnResult(JsonNode.class)
			.getResponseBody()
			.get("version")
			.asLong();
	}

	private RestTestClient.ResponseSpec evaluate(String command, String bearer) {
		return call(HttpMethod.POST, "/api/v1/rules/evaluate", Map.of("command", command), bearer);
	}

	private static Map<String, Object> rule(String name, String pattern, String action, String reason) {
		Map<String, Object> rule = new java.util.HashMap<>(Map.of("name", name, "pattern", pattern, "action", action));
		if (reason != null) {
			rule.put("reason", reason);
		}
		return rule;
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	private RestTestClient.ResponseSpec call(HttpMethod method, String path, Object body, String bearer) {
		RestTestClient.RequestBodySpec request = this.http.method(method).uri(path);
		if (bearer != null) {
			request.header(HttpHeaders.AUTHORIZATION, bearer);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange();
	}

}
