package dev.warden.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.gliwka.hyperscan.wrapper.Database;
import com.gliwka.hyperscan.wrapper.Match;
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
import org.openjdk.jmh.infra.Blackhole;

import dev.warden.rules.engine.PolicySnapshot;

/**
 * Classifies one command against N rules, every matching rule reported, with Warden's
 * engine, a loop of java.util.regex finds (the seed's approach) and Hyperscan. Each
 * invocation takes the next of 64 commands, half of which match a rule. Sample time gives
 * the p50 and p99 the targets name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class MatchBenchmark {

	private static final int COMMANDS = 64;

	@Param({ "10", "100", "1000", "10000" })
	int rules;

	private List<String> commands;

	private PolicySnapshot warden;

	private int[] wardenMatches;

	private List<Pattern> regex;

	private Database database;

	private Scanner scanner;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		List<String> patterns = RuleCorpus.patterns(this.rules);
		this.commands = RuleCorpus.commands(this.rules, COMMANDS);
		this.warden = Engines.warden(patterns);
		this.wardenMatches = new int[this.rules];
		this.regex = Engines.javaRegex(patterns);
		this.database = Engines.hyperscan(patterns);
		this.scanner = new Scanner();
		this.scanner.allocScratch(this.database);
		Engines.requireAgreement(this.commands, this.warden, this.regex, this.scanner, this.database);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.scanner.close();
		this.database.close();
	}

	private String nextCommand() {
		String command = this.commands.get(this.next);
		this.next = (this.next + 1) % COMMANDS;
		return command;
	}

	@Benchmark
	public int warden() {
		return this.warden.matchAll(nextCommand(), this.wardenMatches);
	}

	@Benchmark
	public void javaRegex(Blackhole sink) {
		String command = nextCommand();
		for (int i = 0; i < this.regex.size(); i++) {
			if (this.regex.get(i).matcher(command).find()) {
				sink.consume(i);
			}
		}
	}

	@Benchmark
	public void hyperscan(Blackhole sink) {
		List<Match> matches = this.scanner.scan(this.database, nextCommand());
		for (Match match : matches) {
			sink.consume(match.getMatchedExpression().getId());
		}
	}

	/**
	 * The whole decision rules-service makes: the line read as a shell would, every
	 * command and the line matched, roles checked, the outcome explained.
	 * @return the evaluation
	 */
	@Benchmark
	public Object wardenFullEvaluation() {
		return this.warden.evaluate(nextCommand(), Set.of("member"));
	}

}
