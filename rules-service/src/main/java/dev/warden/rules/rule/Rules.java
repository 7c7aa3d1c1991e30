package dev.warden.rules.rule;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.warden.contracts.Actor;
import dev.warden.contracts.Topics;
import dev.warden.contracts.audit.Outcome;
import dev.warden.contracts.rules.RuleChanged;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.outbox.Outbox;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.security.CurrentActor;
import dev.warden.rules.engine.CompiledRule;
import dev.warden.rules.engine.Conflict;
import dev.warden.rules.engine.ConflictDetector;
import dev.warden.rules.pattern.PatternSyntaxException;
import dev.warden.rules.pattern.PatternTooComplexException;
import dev.warden.rules.policy.PolicyEngine;
import dev.warden.rules.policy.RulesProperties;
import dev.warden.rules.policy.StoredRule;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, changes and deletes rules. Each change locks the policy's version row, so
 * changes are checked for conflicts one after another against what the database holds; is
 * kept as a version with who and why; is announced on {@code rules.events}; and is
 * audited.
 */
@Service
public class Rules {

	private final RuleRepository rules;

	private final PolicyEngine engine;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Audit audit;

	private final CurrentActor actor;

	private final JsonMapper json;

	private final ConflictDetector detector;

	Rules(RuleRepository rules, PolicyEngine engine, JdbcClient jdbc, Outbox outbox, Audit audit, CurrentActor actor,
			JsonMapper json, RulesProperties properties) {
		this.rules = rules;
		this.engine = engine;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.audit = audit;
		this.actor = actor;
		this.json = json;
		this.detector = new ConflictDetector(properties.conflictBudget());
	}

	@Transactional
	public RuleView create(RuleDefinition definition, boolean force, @Nullable String reason) {
		lockPolicy();
		requireFreeName(definition.name(), new UUID(0, 0));
		Actor who = this.actor.get();
		Rule rule = new Rule(definition, who.name());
		List<Conflict> accepted = check(rule.id(), definition, rule.version(), force, reason);
		this.rules.saveAndFlush(rule);
		record(rule, "CREATED", reason, force, accepted, who);
		return RuleView.of(rule, accepted);
	}

	@Transactional
	public RuleView update(UUID id, RuleDefinition definition, int expectedVersion, boolean force,
			@Nullable String reason) {
		lockPolicy();
		Rule rule = this.rules.findLive(id).orElseThrow(() -> ProblemException.notFound("Rule " + id));
		if (rule.version() != expectedVersion) {
			throw ProblemException
				.conflict("Rule " + id + " is at version " + rule.version() + ", not " + expectedVersion
						+ "; read it again and reapply your change.")
				.with("currentVersion", rule.version());
		}
		requireFreeName(definition.name(), id);
		List<Conflict> accepted = check(id, definition, rule.version() + 1, force, reason);
		rule.apply(definition);
		this.rules.saveAndFlush(rule);
		record(rule, "UPDATED", reason, force, accepted, this.actor.get());
		return RuleView.of(rule, accepted);
	}

	@Transactional
	public void delete(UUID id, @Nullable String reason) {
		lockPolicy();
		Rule rule = this.rules.findLive(id).orElseThrow(() -> ProblemException.notFound("Rule " + id));
		rule.delete();
		this.rules.saveAndFlush(rule);
		record(rule, "DELETED", reason, false, List.of(), this.actor.get());
	}

	@Transactional(readOnly = true)
	public List<RuleView> list() {
		return this.rules.findLive().stream().map((rule) -> RuleView.of(rule, List.of())).toList();
	}

	@Transactional(readOnly = true)
	public RuleView get(UUID id) {
		return this.rules.findLive(id)
			.map((rule) -> RuleView.of(rule, List.of()))
			.orElseThrow(() -> ProblemException.notFound("Rule " + id));
	}

	@Transactional(readOnly = true)
	public List<RuleVersionView> history(UUID id) {
		if (!this.rules.existsById(id)) {
			throw ProblemException.notFound("Rule " + id);
		}
		return this.jdbc.sql("select * from rule_versions where rule_id = ? order by version")
			.param(id)
			.query((rs, row) -> new RuleVersionView(rs.getInt("version"), rs.getString("change"), rs.getString("name"),
					rs.getString("pattern"), dev.warden.rules.engine.Action.valueOf(rs.getString("action")),
					Set.copyOf(Arrays.asList((String[]) rs.getArray("roles").getArray())), rs.getInt("credit_cost"),
					rs.getBoolean("enabled"), rs.getString("description"), rs.getString("changed_by"),
					rs.getString("changed_by_name"), rs.getString("reason"), rs.getBoolean("forced"),
					this.json.readTree(rs.getString("conflicts")), rs.getLong("policy_version"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	/**
	 * Checks a definition against the enabled rules without changing anything.
	 * @param definition the rule as it would be
	 * @return the conflicts
	 */
	@Transactional(readOnly = true)
	public List<Conflict> conflictsOf(RuleDefinition definition) {
		return conflicts(new UUID(0, 0), definition, 1);
	}

	private List<Conflict> check(UUID id, RuleDefinition definition, int version, boolean force,
			@Nullable String reason) {
		List<Conflict> conflicts = definition.enabled() ? conflicts(id, definition, version) : List.of();
		if (conflicts.isEmpty()) {
			return List.of();
		}
		if (conflicts.stream().anyMatch((conflict) -> conflict.relation() == Conflict.Relation.EQUAL)) {
			throw RuleProblems.conflicts(conflicts, true);
		}
		if (!force) {
			throw RuleProblems.conflicts(conflicts, false);
		}
		if (reason == null || reason.isBlank()) {
			throw new ProblemException(ProblemTypes.VALIDATION, "Accepting conflicts with force=true needs a reason.")
				.with("errors", List.of(new dev.warden.platform.problem.FieldError("reason",
						"is required when force=true accepts conflicts")));
		}
		return conflicts;
	}

	private List<Conflict> conflicts(UUID id, RuleDefinition definition, int version) {
		CompiledRule candidate = compile(id, definition, version);
		List<CompiledRule> others = new ArrayList<>();
		for (CompiledRule rule : this.engine.enabledRules()) {
			if (!rule.id().equals(id)) {
				others.add(rule);
			}
		}
		try {
			return this.detector.conflicts(candidate, others);
		}
		catch (ConflictDetector.AnalysisTooComplexException ex) {
			throw RuleProblems.tooComplex("Conflict analysis did not finish within its budget: " + ex.getMessage());
		}
	}

	private CompiledRule compile(UUID id, RuleDefinition definition, int version) {
		try {
			return this.engine.compile(new StoredRule(id, definition.name(), definition.pattern(), definition.action(),
					definition.roles(), definition.creditCost(), version));
		}
		catch (PatternSyntaxException ex) {
			throw RuleProblems.syntax(definition.pattern(), ex);
		}
		catch (PatternTooComplexException ex) {
			throw RuleProblems.tooComplex(ex.getMessage());
		}
	}

	private void requireFreeName(String name, UUID except) {
		if (this.rules.nameTaken(name, except)) {
			throw ProblemException.conflict("A rule named '" + name + "' exists.");
		}
	}

	private void lockPolicy() {
		this.jdbc.sql("select revision from policy where id = 1 for update").query(Long.class).single();
	}

	private void record(Rule rule, String change, @Nullable String reason, boolean forced, List<Conflict> accepted,
			Actor who) {
		long policyVersion = this.jdbc.sql("update policy set revision = revision + 1 where id = 1 returning revision")
			.query(Long.class)
			.single();
		this.jdbc
			.sql("insert into rule_versions (rule_id, version, change, name, pattern, action, roles, credit_cost, "
					+ "enabled, description, changed_by, changed_by_name, reason, forced, conflicts, policy_version, "
					+ "changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)")
			.params(rule.id(), rule.version(), change, rule.name(), rule.pattern(), rule.action().name(),
					rule.roles().stream().sorted().toArray(String[]::new), rule.creditCost(), rule.enabled(),
					rule.description(), who.id(), who.name(), reason, forced, this.json.writeValueAsString(accepted),
					policyVersion, Timestamp.from(rule.updatedAt()))
			.update();
		this.outbox.publish(Topics.RULES_EVENTS, RuleChanged.TYPE, RuleChanged.VERSION, rule.id().toString(),
				new RuleChanged(rule.id().toString(), rule.name(), change, rule.version(), policyVersion));
		this.audit.record(AuditEntry.of("rule." + change.toLowerCase(), Outcome.SUCCESS, "rule", rule.id())
			.detail("name", rule.name())
			.detail("pattern", rule.pattern())
			.detail("action", rule.action().name())
			.detail("version", rule.version())
			.detail("reason", reason)
			.detail("forcedConflicts", forced ? accepted.size() : null));
		// This replica serves the new version as soon as the change is committed.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Rules.this.engine.reload();
			}

		});
	}

}
