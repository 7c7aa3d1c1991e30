package dev.warden.benchmarks;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.gliwka.hyperscan.wrapper.CompileErrorException;
import com.gliwka.hyperscan.wrapper.Database;
import com.gliwka.hyperscan.wrapper.Expression;
import com.gliwka.hyperscan.wrapper.ExpressionFlag;
import com.gliwka.hyperscan.wrapper.Match;
import com.gliwka.hyperscan.wrapper.Scanner;

import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.CompiledRule;
import dev.warden.rules.engine.PolicySnapshot;
import dev.warden.rules.pattern.PatternCompiler;

/**
 * The three engines the benchmarks compare, each built over the same patterns and each
 * reporting every rule that matches a text.
 */
final class Engines {

	private Engines() {
	}

	/**
	 * Compiles rules the way rules-service does and indexes them in a snapshot.
	 * @param patterns the patterns
	 * @return the snapshot
	 */
	static PolicySnapshot warden(List<String> patterns) {
		List<CompiledRule> rules = new ArrayList<>(patterns.size());
		for (int i = 0; i < patterns.size(); i++) {
			rules.add(new CompiledRule(new UUID(0, i), "rule-" + i, PatternCompiler.compile(patterns.get(i)),
					(i % 3 == 0) ? Action.BLOCK : Action.REQUIRE_APPROVAL, Set.of(), 1, 1));
		}
		return new PolicySnapshot(rules, 1, Action.REQUIRE_APPROVAL, 1);
	}

	/**
	 * The seed's approach: one java.util.regex pattern per rule, tried in turn.
	 * @param patterns the patterns
	 * @return the compiled patterns
	 */
	static List<Pattern> javaRegex(List<String> patterns) {
		return patterns.stream().map(Pattern::compile).toList();
	}

	/**
	 * Hyperscan, one database over every pattern, each pattern reported at most once per
	 * scan.
	 * @param patterns the patterns
	 * @return the database
	 */
	static Database hyperscan(List<String> patterns) {
		List<Expression> expressions = new ArrayList<>(patterns.size());
		for (int i = 0; i < patterns.size(); i++) {
			expressions.add(new Expression(patterns.get(i), EnumSet.of(ExpressionFlag.SINGLEMATCH), i));
		}
		try {
			return Database.compile(expressions);
		}
		catch (CompileErrorException ex) {
			throw new IllegalStateException("Hyperscan refused " + ex.getFailedExpression(), ex);
		}
	}

	static BitSet wardenMatches(PolicySnapshot snapshot, String text) {
		int[] into = new int[snapshot.rules().size()];
		int count = snapshot.matchAll(text, into);
		BitSet matched = new BitSet();
		for (int i = 0; i < count; i++) {
			matched.set(into[i]);
		}
		return matched;
	}

	static BitSet javaRegexMatches(List<Pattern> patterns, String text) {
		BitSet matched = new BitSet();
		for (int i = 0; i < patterns.size(); i++) {
			if (patterns.get(i).matcher(text).find()) {
				matched.set(i);
			}
		}
		return matched;
	}

	static BitSet hyperscanMatches(Scanner scanner, Database database, String text) {
		BitSet matched = new BitSet();
		for (Match match : scanner.scan(database, text)) {
			matched.set(match.getMatchedExpression().getId());
		}
		return matched;
	}

	/**
	 * Refuses to measure engines that disagree: a faster wrong answer is no result.
	 * @param commands the commands the benchmark classifies
	 * @param warden the Warden snapshot
	 * @param regex the java.util.regex patterns
	 * @param scanner a Hyperscan scanner with scratch for the database
	 * @param database the Hyperscan database
	 * @return how many rule matches the commands have in all
	 */
	static int requireAgreement(List<String> commands, PolicySnapshot warden, List<Pattern> regex, Scanner scanner,
			Database database) {
		int matches = 0;
		for (String command : commands) {
			BitSet expected = javaRegexMatches(regex, command);
			BitSet fromWarden = wardenMatches(warden, command);
			BitSet fromHyperscan = hyperscanMatches(scanner, database, command);
			if (!expected.equals(fromWarden) || !expected.equals(fromHyperscan)) {
				throw new IllegalStateException("Engines disagree on '" + command + "': java.util.regex " + expected
						+ ", Warden " + fromWarden + ", Hyperscan " + fromHyperscan);
			}
			matches += expected.cardinality();
		}
		return matches;
	}

}
