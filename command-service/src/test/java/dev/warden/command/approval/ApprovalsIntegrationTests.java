package dev.warden.command.approval;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.command.Api;
import dev.warden.command.CommandServiceTestSupport;
import dev.warden.contracts.Topics;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.executors.local.enabled=true" })
class ApprovalsIntegrationTests extends CommandServiceTestSupport {

	@Autowired
	Approvals approvals;

	String member;

	String memberId;

	String admin;

	String adminId;

	@BeforeEach
	void setUp() {
		this.memberId = "member-" + UUID.randomUUID();
		this.member = TestTokens.member(this.memberId).name("mia").build();
		this.adminId = "admin-" + UUID.randomUUID();
		this.admin = TestTokens.admin(this.adminId).name("ada").build();
	}

	@Test
	void refusesASubmissionWithoutATargetWhenNoDefaultIsConfigured() {
		Api.Response refused = this.api.post("/api/v1/commands", this.member, java.util.Map.of("command", "echo seed"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("target");
	}

	@Test
	void holdsACommandUntilApprovedThenRunsItOnceOnRetry() {
		Api.Response held = this.api.submit(this.member, "echo deploy web", "local");
		assertThat(held.status()).isEqualTo(202);
		String approvalId = held.body().path("approval").path("id").asString();
		assertThat(held.body().path("approval").path("status").asString()).isEqualTo("PENDING");
		assertThat(held.body().path("command").path("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(held.header("Location")).isEqualTo("/api/v1/approvals/" + approvalId);

		// Asking again while pending reuses the request.
		Api.Response again = this.api.submit(this.member, "echo deploy web", "local");
		assertThat(again.body().path("approval").path("id").asString()).isEqualTo(approvalId);

		Api.Response approved = this.api.post("/api/v1/approvals/" + approvalId + "/approve", this.admin,
				Map.of("note", "ship it"));
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.text("status")).isEqualTo("APPROVED");
		assertThat(approved.text("decidedByName")).isEqualTo("ada");

		Api.Response ran = this.api.submit(this.member, "echo deploy web", "local");
		assertThat(ran.status()).isEqualTo(201);
		assertThat(ran.text("status")).isEqualTo("SUCCEEDED");
		assertThat(ran.text("approvalId")).isEqualTo(approvalId);
		Api.Response used = this.api.get("/api/v1/approvals/" + approvalId, this.member);
		assertThat(used.text("status")).isEqualTo("CONSUMED");
		assertThat(used.text("consumedBy")).isEqualTo(ran.text("id"));

		// Used once: the next run of the same command needs a new approval.
		Api.Response next = this.api.submit(this.member, "echo deploy web", "local");
		assertThat(next.status()).isEqualTo(202);
		assertThat(next.body().path("approval").path("id").asString()).isNotEqualTo(approvalId);

		assertThat(events(approvalId)).containsExactly("approval.requested", "approval.granted", "approval.consumed");
	}

	@Test
	void runsAnApprovedCommandOnceWhenRetriesRace() throws Exception {
		String approvalId = this.api.submit(this.member, "echo deploy once", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		this.api.post("/api/v1/approvals/" + approvalId + "/approve", this.admin, null);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> retries = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 10; i++) {
				retries.add(pool.submit(() -> {
					start.await();
					return (Math.random() < 0.5) ? this.api.submit(this.member, "echo deploy once", "local")
							: this.api.post("/api/v1/approvals/" + approvalId + "/execute", this.member, null);
				}));
			}
			start.countDown();
			List<Api.Response> answers = new ArrayList<>();
			for (Future<Api.Response> retry : retries) {
				answers.add(retry.get());
			}
			// One run; the others find the approval used (409) or, once it is used, ask
			// for a new one (202).
			assertThat(answers.stream().filter((answer) -> answer.status() == 201)).hasSize(1);
			assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(201, 202, 409));
		}
		assertThat(this.jdbc
			.sql("select count(*) from commands where approval_id = ? and status in ('SUCCEEDED', 'FAILED')")
			.param(UUID.fromString(approvalId))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void bindsAnApprovalToTheExactCommandAndTarget() {
		String approvalId = this.api.submit(this.member, "echo deploy api", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		this.api.post("/api/v1/approvals/" + approvalId + "/approve", this.admin, null);
		Api.Response other = this.api.submit(this.member, "echo deploy api --force", "local");
		assertThat(other.status()).isEqualTo(202);
		assertThat(other.body().path("approval").path("id").asString()).isNotEqualTo(approvalId);
		String otherUser = TestTokens.member("someone-" + UUID.randomUUID()).build();
		assertThat(this.api.submit(otherUser, "echo deploy api", "local").status()).isEqualTo(202);
		assertThat(this.api.get("/api/v1/approvals/" + approvalId, this.member).text("status")).isEqualTo("APPROVED");
	}

	@Test
	void runsAnApprovedRequestThroughItsExecuteEndpointOnce() {
		String approvalId = this.api.submit(this.member, "echo deploy worker", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		Api.Response early = this.api.post("/api/v1/approvals/" + approvalId + "/execute", this.member, null);
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.text("type")).isEqualTo("https://warden.dev/problems/approval-not-usable");

		this.api.post("/api/v1/approvals/" + approvalId + "/approve", this.admin, null);
		String stranger = TestTokens.member("stranger-" + UUID.randomUUID()).build();
		assertThat(this.api.post("/api/v1/approvals/" + approvalId + "/execute", stranger, null).status())
			.isEqualTo(404);
		Api.Response ran = this.api.post("/api/v1/approvals/" + approvalId + "/execute", this.member, null);
		assertThat(ran.status()).isEqualTo(201);
		assertThat(ran.text("command")).isEqualTo("echo deploy worker");
		Api.Response twice = this.api.post("/api/v1/approvals/" + approvalId + "/execute", this.member, null);
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.body().path("status").asString()).isEqualTo("CONSUMED");
	}

	@Test
	void letsNobodyDecideTheirOwnRequestAndOnlyAdministratorsDecide() {
		Api.Response own = this.api.submit(this.admin, "echo deploy admin-tool", "local");
		String ownId = own.body().path("approval").path("id").asString();
		Api.Response self = this.api.post("/api/v1/approvals/" + ownId + "/approve", this.admin, null);
		assertThat(self.status()).isEqualTo(403);
		assertThat(self.text("type")).isEqualTo("https://warden.dev/problems/self-approval");

		String memberRequest = this.api.submit(this.member, "echo deploy db", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		String otherMember = TestTokens.member("other-" + UUID.randomUUID()).build();
		assertThat(this.api.post("/api/v1/approvals/" + memberRequest + "/approve", otherMember, null).status())
			.isEqualTo(403);
		assertThat(this.api.post("/api/v1/approvals/" + memberRequest + "/approve", this.member, null).status())
			.isEqualTo(403);
		assertThat(this.api.get("/api/v1/approvals/" + memberRequest, otherMember).status()).isEqualTo(404);
		// An administrator's API key limited to commands acts as a member.
		String adminKeyToken = TestTokens.admin("admin-key-" + UUID.randomUUID()).scope("commands").build();
		assertThat(this.api.post("/api/v1/approvals/" + memberRequest + "/approve", adminKeyToken, null).status())
			.isEqualTo(403);
		assertThat(this.api.get("/api/v1/approvals/" + memberRequest, adminKeyToken).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/approvals/" + memberRequest, this.member).text("status")).isEqualTo("PENDING");
	}

	@Test
	void endsFiftyConcurrentDecisionsInOneState() throws Exception {
		String approvalId = this.api.submit(this.member, "echo deploy race", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		List<String> admins = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			admins.add(TestTokens.admin("racer-" + i + "-" + UUID.randomUUID()).build());
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> calls = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 50; i++) {
				String token = admins.get(i);
				String action = (i % 2 == 0) ? "approve" : "reject";
				calls.add(pool.submit(() -> {
					start.await();
					return this.api.post("/api/v1/approvals/" + approvalId + "/" + action, token, null);
				}));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> call : calls) {
				responses.add(call.get());
			}
			List<Api.Response> winners = responses.stream().filter((response) -> response.status() == 200).toList();
			assertThat(winners).hasSize(1);
			assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isIn(200, 409));
			String finalStatus = this.api.get("/api/v1/approvals/" + approvalId, this.member).text("status");
			assertThat(finalStatus).isEqualTo(winners.get(0).text("status")).isIn("APPROVED", "REJECTED");
			List<String> decisions = events(approvalId).stream()
				.filter((type) -> type.equals("approval.granted") || type.equals("approval.rejected"))
				.toList();
			assertThat(decisions).hasSize(1);
		}
	}

	@Test
	void rejectsAndExpiresKeepingHistory() {
		String rejected = this.api.submit(this.member, "echo deploy rejected", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		Api.Response no = this.api.post("/api/v1/approvals/" + rejected + "/reject", this.admin,
				Map.of("note", "not today"));
		assertThat(no.text("status")).isEqualTo("REJECTED");
		assertThat(no.text("note")).isEqualTo("not today");
		assertThat(this.api.post("/api/v1/approvals/" + rejected + "/approve", this.admin, null).status())
			.isEqualTo(409);

		String lapsing = this.api.submit(this.member, "echo deploy lapsing", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		this.jdbc.sql("update approvals set expires_at = ? where id = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), UUID.fromString(lapsing))
			.update();
		assertThat(this.approvals.expireLapsed()).isGreaterThanOrEqualTo(1);
		assertThat(this.api.get("/api/v1/approvals/" + lapsing, this.member).text("status")).isEqualTo("EXPIRED");
		Api.Response late = this.api.post("/api/v1/approvals/" + lapsing + "/approve", this.admin, null);
		assertThat(late.status()).isEqualTo(409);
		// A new submission opens a new request; the expired one stays in the history.
		Api.Response fresh = this.api.submit(this.member, "echo deploy lapsing", "local");
		assertThat(fresh.body().path("approval").path("id").asString()).isNotEqualTo(lapsing);
		Api.Response mine = this.api.get("/api/v1/approvals?status=EXPIRED", this.member);
		assertThat(mine.body()).anySatisfy((approval) -> assertThat(approval.path("id").asString()).isEqualTo(lapsing));
		assertThat(events(lapsing)).contains("approval.expired");
	}

	@Test
	void listsPendingRequestsForAdministratorsAndOwnRequestsForMembers() {
		String mine = this.api.submit(this.member, "echo deploy listed", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		String theirsToken = TestTokens.member("theirs-" + UUID.randomUUID()).build();
		String theirs = this.api.submit(theirsToken, "echo deploy listed", "local")
			.body()
			.path("approval")
			.path("id")
			.asString();
		List<String> memberSees = ids(this.api.get("/api/v1/approvals?status=PENDING&limit=200", this.member));
		assertThat(memberSees).contains(mine).doesNotContain(theirs);
		List<String> adminSees = ids(this.api.get("/api/v1/approvals?status=PENDING&limit=200", this.admin));
		assertThat(adminSees).contains(mine, theirs);
	}

	private static List<String> ids(Api.Response response) {
		List<String> ids = new ArrayList<>();
		response.body().forEach((approval) -> ids.add(approval.path("id").asString()));
		return ids;
	}

	private List<String> events(String approvalId) {
		return this.jdbc
			.sql("select event_type from platform.outbox_event where topic = ? and event_key = ? order by id")
			.params(Topics.APPROVAL_EVENTS, approvalId)
			.query(String.class)
			.list();
	}

}
