package dev.warden.rules.policy;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.warden.contracts.Topics;
import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.CompiledRule;
import dev.warden.rules.engine.Evaluation;
import dev.warden.rules.engine.PolicySnapshot;
import dev.warden.rules.pattern.CompiledPattern;
import dev.warden.rules.pattern.PatternCompiler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Serves evaluations from the current snapshot and swaps in a new one, atomically, when
 * the policy changes: right after a change on this replica, when {@code rules.events}
 * announces a change made on another, and, should an event be missed, when the periodic
 * check finds a newer version in the database. Compiled patterns of stored rules are
 * cached by their source, so a reload compiles only what changed; everything else a rule
 * carries (action, roles, cost) is taken fresh from the rule every time.
 */
@Component
public class PolicyEngine {

	private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

	private final JdbcClient jdbc;

	private final RulesProperties properties;

	private final AtomicReference<@Nullable PolicySnapshot> current = new AtomicReference<>();

	/** Patterns of the stored rules, by source; pruned to the enabled rules on reload. */
	private final Map<String, CompiledPattern> patterns = new ConcurrentHashMap<>();

	private final Timer evaluations;

	private final MeterRegistry meters;

	private volatile Instant loadedAt = Instant.EPOCH;

	PolicyEngine(JdbcClient jdbc, RulesProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.meters = meters;
		this.evaluations = Timer.builder("warden.rules.evaluation")
			.description("Time to judge one command line")
			.register(meters);
		Gauge.builder("warden.rules.policy.version", this, (engine) -> {
			PolicySnapshot snapshot = engine.current.get();
			return (snapshot != null) ? snapshot.version() : -1;
		}).description("The policy version this replica serves").register(meters);
	}

	/**
	 * Judges a command line with the current policy.
	 * @param line the command line
	 * @param roles the caller's roles
	 * @return the evaluation, which names the policy version it used
	 */
	public Evaluation evaluate(String line, Set<String> roles) {
		PolicySnapshot snapshot = snapshot();
		Evaluation evaluation = this.evaluations.record(() -> snapshot.evaluate(line, roles));
		this.meters.counter("warden.rules.decisions", "decision", evaluation.decision().name()).increment();
		return evaluation;
	}

	/**
	 * Returns the snapshot in use.
	 * @return the snapshot
	 */
	public PolicySnapshot snapshot() {
		PolicySnapshot snapshot = this.current.get();
		if (snapshot == null) {
			reload();
			snapshot = this.current.get();
		}
		return snapshot;
	}

	public Instant loadedAt() {
		return this.loadedAt;
	}

	/**
	 * Compiles a rule that is not stored yet (a candidate being checked), reusing the
	 * pattern of a stored rule with the same source if there is one. Nothing is cached,
	 * so candidates that are never saved leave nothing behind.
	 * @param rule the rule
	 * @return the compiled rule
	 * @throws dev.warden.rules.pattern.PatternSyntaxException if the pattern is invalid
	 * @throws dev.warden.rules.pattern.PatternTooComplexException if it is too complex
	 */
	public CompiledRule compile(StoredRule rule) {
		CompiledPattern pattern = this.patterns.get(rule.pattern());
		return withPattern(rule, (pattern != null) ? pattern : PatternCompiler.compile(rule.pattern()));
	}

	/**
	 * Returns every enabled rule as the database has it now, compiled.
	 * @return the rules
	 */
	public List<CompiledRule> enabledRules() {
		List<CompiledRule> rules = new ArrayList<>();
		for (StoredRule rule : loadEnabled()) {
			rules.add(withPattern(rule, this.patterns.computeIfAbsent(rule.pattern(), PatternCompiler::compile)));
		}
		return rules;
	}

	private static CompiledRule withPattern(StoredRule rule, CompiledPattern pattern) {
		return new CompiledRule(rule.id(), rule.name(), pattern, rule.action(), rule.roles(), rule.creditCost(),
				rule.version());
	}

	/** Loads the policy from the database and makes it current. */
	public synchronized void reload() {
		long revision = this.jdbc.sql("select revision from policy where id = 1").query(Long.class).single();
		List<CompiledRule> rules = enabledRules();
		Set<String> sources = new java.util.HashSet<>();
		rules.forEach((rule) -> sources.add(rule.pattern().source()));
		this.patterns.keySet().retainAll(sources);
		PolicySnapshot snapshot = new PolicySnapshot(rules, revision, this.properties.defaultAction(),
				this.properties.defaultCost());
		PolicySnapshot previous = this.current.get();
		if (previous == null || previous.version() <= revision) {
			this.current.set(snapshot);
			this.loadedAt = Instant.now();
			if (previous == null || previous.version() != revision) {
				log.info("Policy version {} loaded: {} enabled rules", revision, rules.size());
			}
		}
	}

	@EventListener(ApplicationStartedEvent.class)
	void loadAtStart() {
		reload();
	}

	@Scheduled(fixedDelayString = "${warden.rules.reload-interval:30s}",
			initialDelayString = "${warden.rules.reload-interval:30s}")
	void reloadIfStale() {
		long revision = this.jdbc.sql("select revision from policy where id = 1").query(Long.class).single();
		PolicySnapshot snapshot = this.current.get();
		if (snapshot == null || snapshot.version() < revision) {
			reload();
		}
	}

	/**
	 * Reloads when another replica announces a change. Every replica listens in a group
	 * of its own, so each one hears every announcement; only new ones matter, since the
	 * database is the truth.
	 */
	@KafkaListener(topics = Topics.RULES_EVENTS, groupId = "rules-service-policy-#{T(java.util.UUID).randomUUID()}",
			properties = "auto.offset.reset=latest")
	void onRuleChanged(String payload) {
		reloadIfStale();
	}

	List<StoredRule> loadEnabled() {
		return this.jdbc
			.sql("select id, name, pattern, action, roles, credit_cost, version from rules "
					+ "where enabled and deleted_at is null order by created_at, id")
			.query((rs, row) -> new StoredRule(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("pattern"), Action.valueOf(rs.getString("action")), roles(rs.getArray("roles")),
					rs.getInt("credit_cost"), rs.getInt("version")))
			.list();
	}

	private static Set<String> roles(Array array) throws SQLException {
		return (array != null) ? Set.copyOf(java.util.Arrays.asList((String[]) array.getArray())) : Set.of();
	}

}
