package dev.warden.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.gliwka.hyperscan.wrapper.Database;
import com.gliwka.hyperscan.wrapper.Scanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.warden.rules.engine.PolicySnapshot;

/**
 * Catastrophic-backtracking shapes on 4 KB inputs built to defeat them. Warden's automata
 * and Hyperscan answer in one pass; java.util.regex is measured only on a 24-byte input,
 * because at 4 KB it does not finish (its cost grows as the input length to the power of
 * the nesting).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class AdversarialBenchmark {

	private static final int LENGTH = 4096;

	/** Which catastrophic shape joins the 1,000 ordinary rules. */
	@Param({ "nested-star", "stacked-star" })
	String shape;

	private String pattern;

	private String text;

	private String shortText;

	private PolicySnapshot warden;

	private int[] wardenMatches;

	private Pattern regex;

	private Database database;

	private Scanner scanner;

	@Setup(Level.Trial)
	public void setUp() {
		switch (this.shape) {
			case "nested-star" -> {
				this.pattern = "^(.*a){12}$";
				this.text = RuleCorpus.adversarial(LENGTH, 'a', "b");
				this.shortText = RuleCorpus.adversarial(24, 'a', "b");
			}
			case "stacked-star" -> {
				this.pattern = "^.*.*=.*;$";
				this.text = RuleCorpus.adversarial(LENGTH, '=', "=");
				this.shortText = RuleCorpus.adversarial(24, '=', "=");
			}
			default -> throw new IllegalArgumentException(this.shape);
		}
		List<String> patterns = new ArrayList<>(RuleCorpus.patterns(1000));
		patterns.add(this.pattern);
		this.warden = Engines.warden(patterns);
		this.wardenMatches = new int[patterns.size()];
		this.regex = Pattern.compile(this.pattern);
		this.database = Engines.hyperscan(patterns);
		this.scanner = new Scanner();
		this.scanner.allocScratch(this.database);
		if (!Engines.wardenMatches(this.warden, this.text)
			.equals(Engines.hyperscanMatches(this.scanner, this.database, this.text))) {
			throw new IllegalStateException("Warden and Hyperscan disagree on the " + this.shape + " input");
		}
		PolicySnapshot alone = Engines.warden(List.of(this.pattern));
		if (alone.matchAll(this.shortText, new int[1]) != (this.regex.matcher(this.shortText).find() ? 1 : 0)) {
			throw new IllegalStateException(
					"Warden and java.util.regex disagree on the short " + this.shape + " input");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.scanner.close();
		this.database.close();
	}

	/**
	 * The 4 KB text against 1,000 ordinary rules and the adversarial one.
	 * @return how many rules matched
	 */
	@Benchmark
	public int warden() {
		return this.warden.matchAll(this.text, this.wardenMatches);
	}

	/**
	 * The same, as rules-service decides it: read as a shell line, then matched.
	 * @return the evaluation
	 */
	@Benchmark
	public Object wardenFullEvaluation() {
		return this.warden.evaluate(this.text, Set.of("member"));
	}

	@Benchmark
	public Object hyperscan() {
		return this.scanner.scan(this.database, this.text);
	}

	/**
	 * java.util.regex on the same shape, 24 bytes long rather than 4,096.
	 * @return whether it matched
	 */
	@Benchmark
	public boolean javaRegexOn24Bytes() {
		return this.regex.matcher(this.shortText).find();
	}

}
