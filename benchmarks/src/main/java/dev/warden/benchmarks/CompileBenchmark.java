package dev.warden.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.CompiledRule;
import dev.warden.rules.engine.ConflictDetector;
import dev.warden.rules.engine.PolicySnapshot;
import dev.warden.rules.pattern.PatternCompiler;

/**
 * The costs of changing rules: compiling a whole policy of 1,000 rules (what a replica
 * does on start and on every reload) and checking one new rule against 1,000 for
 * conflicts (what an admin waits for on every create or update). Each measurement is one
 * cold operation, as it happens in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class CompileBenchmark {

	private static final int RULES = 1000;

	private List<String> patterns;

	private List<CompiledRule> policy;

	private ConflictDetector detector;

	@Setup(Level.Trial)
	public void setUp() {
		this.patterns = RuleCorpus.patterns(RULES);
		this.policy = Engines.warden(this.patterns).rules();
		this.detector = new ConflictDetector(Duration.ofSeconds(30));
	}

	/**
	 * Compiles 1,000 patterns to automata and indexes them.
	 * @return the snapshot
	 */
	@Benchmark
	public PolicySnapshot compileThousandRules() {
		return Engines.warden(this.patterns);
	}

	/**
	 * Compiles one new rule and compares it exactly with 1,000 others.
	 * @return the conflicts found
	 */
	@Benchmark
	public Object conflictCheckAgainstThousand() {
		CompiledRule candidate = new CompiledRule(UUID.randomUUID(), "candidate",
				PatternCompiler.compile(RuleCorpus.newPattern(RULES)), Action.BLOCK, Set.of(), 1, 1);
		return this.detector.conflicts(candidate, this.policy);
	}

	/**
	 * A conflict check where the new rule overlaps many: an unanchored rule about a word
	 * every tool's rules can contain.
	 * @return the conflicts found
	 */
	@Benchmark
	public Object broadConflictCheckAgainstThousand() {
		CompiledRule candidate = new CompiledRule(UUID.randomUUID(), "candidate", PatternCompiler.compile("--force\\b"),
				Action.BLOCK, Set.of(), 1, 1);
		return this.detector.conflicts(candidate, this.policy);
	}

}
