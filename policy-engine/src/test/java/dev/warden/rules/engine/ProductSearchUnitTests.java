package dev.warden.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.warden.rules.pattern.CompiledPattern;
import dev.warden.rules.pattern.PatternCompiler;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The product search must agree with Lucene's full constructions (intersection,
 * inclusion) on every pair, and its witnesses must be texts the rules really match.
 */
class ProductSearchUnitTests {

	private static final long NO_DEADLINE = Long.MAX_VALUE;

	private static final String[] PIECES = { "rm", " ", "-", "r", "f", "/", "[a-z]", "[^ ]*", "( [^ ]+)*", "(a|rm)",
			"x?", "\\b", "git", "[0-9]{1,3}", "." };

	@Test
	void agreesWithLuceneOnRandomPatternPairs() {
		Random random = new Random(4);
		List<CompiledPattern> patterns = new ArrayList<>();
		while (patterns.size() < 60) {
			try {
				patterns.add(PatternCompiler.compile(randomPattern(random)));
			}
			catch (RuntimeException ex) {
				// Patterns that can never match are refused at compile time; draw
				// another.
			}
		}
		int overlapping = 0;
		int nested = 0;
		for (CompiledPattern first : patterns) {
			for (CompiledPattern second : patterns) {
				Automaton a = first.automaton();
				Automaton b = second.automaton();
				String common = ProductSearch.common(a, b, NO_DEADLINE);
				boolean disjoint = Operations.isEmpty(Operations.intersection(a, b));
				assertThat(common == null).as("%s and %s disjoint", first.source(), second.source())
					.isEqualTo(disjoint);
				if (common != null) {
					overlapping++;
					String text = stripped(common);
					assertThat(first.matches(text)).as("'%s' matches %s", text, first.source()).isTrue();
					assertThat(second.matches(text)).as("'%s' matches %s", text, second.source()).isTrue();
				}
				String onlyFirst = ProductSearch.onlyInFirst(a, b, NO_DEADLINE);
				assertThat(onlyFirst == null).as("%s within %s", first.source(), second.source())
					.isEqualTo(Operations.isEmpty(Operations.minus(a, b, 100_000)));
				if (onlyFirst != null) {
					String text = stripped(onlyFirst);
					assertThat(first.matches(text)).isTrue();
					assertThat(second.matches(text)).isFalse();
				}
				else {
					nested++;
				}
			}
		}
		// The sample exercises every branch: disjoint, overlapping and nested pairs.
		assertThat(overlapping).isBetween(100, 60 * 60 - 100);
		assertThat(nested).isGreaterThan(60);
	}

	@Test
	void findsAShortestCommonText() {
		Automaton a = PatternCompiler.compile("^rm ").automaton();
		Automaton b = PatternCompiler.compile("/$").automaton();

		assertThat(stripped(ProductSearch.common(a, b, NO_DEADLINE))).isEqualTo("rm /");
	}

	@Test
	void stopsAtItsDeadline() {
		Automaton a = PatternCompiler.compile("(a|b)*a(a|b){10}").automaton();
		Automaton b = PatternCompiler.compile("(a|b)*b(a|b){10}c").automaton();

		assertThatExceptionOfType(ProductSearch.Overrun.class)
			.isThrownBy(() -> ProductSearch.onlyInFirst(b, a, System.nanoTime()))
			.satisfies((overrun) -> assertThat(overrun.tooLarge()).isFalse());
	}

	private static String randomPattern(Random random) {
		StringBuilder pattern = new StringBuilder(random.nextBoolean() ? "^" : "");
		int pieces = 1 + random.nextInt(4);
		for (int i = 0; i < pieces; i++) {
			pattern.append(PIECES[random.nextInt(PIECES.length)]);
		}
		if (random.nextInt(3) == 0) {
			pattern.append('$');
		}
		return pattern.toString();
	}

	private static String stripped(String witness) {
		return witness.replace("\u0002", "").replace("\u0003", "");
	}

}
