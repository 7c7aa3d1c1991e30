package dev.warden.benchaudit;

import java.util.List;
import java.util.UUID;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventEnvelope;
import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit events the way a service does: through the platform's {@link Audit}, in a
 * transaction that also changes the service's own state ({@code bench_actions}), inside a
 * trace, so that each event has a trace id and the relay sends {@code traceparent} with
 * it. The mix of actions and details imitates command-service's and auth-service's
 * events.
 */
final class AuditTraffic {

	private static final String[] COMMANDS = { "kubectl get pods -n payments --selector app=ledger -o wide",
			"git log --oneline --since=2.weeks -- src/main/java/dev/warden/command",
			"terraform plan -var-file=env/staging.tfvars -out=/tmp/staging.plan",
			"docker compose -f deploy/compose.yml logs --tail=200 gateway",
			"systemctl status nginx --no-pager && journalctl -u nginx --since today", "rm -rf /var/lib/app/cache/*",
			"psql -h db.internal -U report -c 'select count(*) from orders'" };

	private final Audit audit;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final @Nullable Tracer tracer;

	AuditTraffic(Audit audit, JdbcClient jdbc, TransactionTemplate transactions, @Nullable Tracer tracer) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.tracer = tracer;
	}

	/**
	 * Writes events in one transaction and one trace.
	 * @param phase the label of the benchmark phase, kept with the producer's row
	 * @param first the number of the first event, which picks its shape
	 * @param count how many events
	 * @return their ids
	 */
	List<UUID> write(String phase, long first, int count) {
		Span span = (this.tracer != null) ? this.tracer.nextSpan().name("bench " + phase).start() : null;
		try (Tracer.SpanInScope scope = (span != null && this.tracer != null) ? this.tracer.withSpan(span) : null) {
			List<UUID> ids = this.transactions.execute((status) -> {
				UUID[] written = new UUID[count];
				for (int i = 0; i < count; i++) {
					long n = first + i;
					EventEnvelope<AuditRecorded> event = this.audit.record(entry(n), actor(n));
					this.jdbc.sql("insert into bench_actions (event_id, phase) values (?, ?)")
						.params(event.id(), phase)
						.update();
					written[i] = event.id();
				}
				return List.of(written);
			});
			return (ids != null) ? ids : List.of();
		}
		finally {
			if (span != null) {
				span.end();
			}
		}
	}

	static AuditEntry entry(long n) {
		String command = COMMANDS[(int) (n % COMMANDS.length)];
		UUID resource = new UUID(0x0193_0000_0000_7000L | n, 0x8000_0000_0000_0000L | n);
		return switch ((int) (n % 20)) {
			case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
					11 ->
				AuditEntry.of("command.submitted", Outcome.SUCCESS, "command", resource)
					.detail("command", command)
					.detail("target", "ssh:host-" + (n % 12))
					.detail("decision", "ALLOW")
					.detail("rule", "read-only-basics")
					.detail("policyVersion", 42)
					.detail("cost", 1);
			case 12, 13,
					14 ->
				AuditEntry.of("command.submitted", Outcome.DENIED, "command", resource)
					.detail("command", command)
					.detail("target", "local")
					.detail("decision", "BLOCK")
					.detail("rule", "no-recursive-delete")
					.detail("policyVersion", 42)
					.detail("cost", 0);
			case 15, 16 -> AuditEntry.of("command.executed", Outcome.SUCCESS, "command", resource)
				.detail("target", "ssh:host-" + (n % 12))
				.detail("exitCode", 0)
				.detail("durationMs", 120 + n % 900)
				.detail("credits", 1.5);
			case 17 -> AuditEntry.of("command.failed", Outcome.FAILURE, "command", resource)
				.detail("target", "local")
				.detail("reason", "The executor did not answer within 30 s.");
			case 18 -> AuditEntry.of("auth.login", Outcome.SUCCESS, "session", resource).detail("method", "password");
			default -> AuditEntry.of("llm.request", Outcome.PENDING, "llm-call", resource)
				.detail("model", "gpt-4o-mini")
				.detail("promptTokens", 812)
				.detail("approval", "required");
		};
	}

	static Actor actor(long n) {
		int user = (int) (n % 200);
		List<String> roles = (user % 10 == 0) ? List.of("ADMIN", "MEMBER") : List.of("MEMBER");
		return new Actor(Actor.Kind.USER, "0193a5c4-0000-7000-8000-" + String.format("%012d", user), "User " + user,
				roles, "10.1." + (user / 100) + "." + (user % 100));
	}

}
