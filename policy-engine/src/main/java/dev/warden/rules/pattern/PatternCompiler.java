package dev.warden.rules.pattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Compiles patterns into deterministic automata within a complexity budget. No pattern a
 * user writes ever reaches a backtracking matcher.
 *
 * <p>
 * A pattern matches a text if the text contains a match, as {@code grep} and
 * {@code find()} do, unless it is anchored with {@code ^} or {@code $}. {@code \b} at the
 * edge of a pattern means "at the text's edge or next to a character that is not a word
 * character".
 */
public final class PatternCompiler {

	/**
	 * The most work the determinization of one pattern may take (Lucene's work units).
	 */
	public static final int WORK_LIMIT = 50_000;

	/** The largest automaton a pattern may have before determinization. */
	static final int MAX_NFA_STATES = 20_000;

	private PatternCompiler() {
	}

	/**
	 * Compiles a pattern.
	 * @param source the pattern
	 * @return the compiled pattern
	 * @throws PatternSyntaxException if the pattern is not valid, with the position
	 * @throws PatternTooComplexException if it does not compile within the budget
	 */
	public static CompiledPattern compile(String source) {
		PatternParser.Parsed parsed = PatternParser.parse(source);
		Node node = PatternCanonicalizer.canonicalize(parsed.node());
		List<Node> options = (node instanceof Node.Alternation alternation) ? alternation.options() : List.of(node);
		List<Automaton> languages = new ArrayList<>();
		Set<String> atoms = new LinkedHashSet<>();
		boolean filterable = true;
		for (Node option : options) {
			Builder builder = new Builder(parsed.caseInsensitive());
			languages.add(Operations
				.concatenate(List.of(Automata.makeAnyString(), builder.build(option), Automata.makeAnyString())));
			Set<String> optionAtoms = Prefilter.atoms(option);
			if (optionAtoms.isEmpty()) {
				filterable = false;
			}
			atoms.addAll(optionAtoms);
		}
		Automaton union = (languages.size() == 1) ? languages.getFirst() : Operations.union(languages);
		if (union.getNumStates() > MAX_NFA_STATES) {
			throw new PatternTooComplexException(
					"The pattern expands to more than " + MAX_NFA_STATES + " states; reduce large repetition counts");
		}
		try {
			if (containsBoundary(node)) {
				union = WordBoundaries.resolve(union);
			}
			// Only well-formed texts: one start sentinel, the text, one end sentinel.
			union = Operations.intersection(union, wellFormed());
			Automaton deterministic = Operations.removeDeadStates(Operations.determinize(union, WORK_LIMIT));
			if (deterministic.getNumStates() == 0 || Operations.isEmpty(deterministic)) {
				throw new PatternSyntaxException("The pattern can never match any command", 0);
			}
			return new CompiledPattern(source, deterministic, filterable ? atoms : Set.of());
		}
		catch (TooComplexToDeterminizeException ex) {
			throw new PatternTooComplexException("The pattern's automaton would be too large to build in bounded "
					+ "time (patterns like (a|b)*a(a|b){20} grow exponentially); simplify it");
		}
	}

	private static Automaton wellFormed() {
		return Operations.concatenate(List.of(Automata.makeChar(CompiledPattern.START),
				Operations
					.repeat(Builder.charClass(Builder.withoutSentinels(CharClasses.negate(CharClasses.of(List.of()))))),
				Automata.makeChar(CompiledPattern.END)));
	}

	private static boolean containsBoundary(Node node) {
		return switch (node) {
			case Node.WordBoundary boundary -> true;
			case Node.Concat concat -> concat.parts().stream().anyMatch(PatternCompiler::containsBoundary);
			case Node.Alternation alternation ->
				alternation.options().stream().anyMatch(PatternCompiler::containsBoundary);
			case Node.Repeat repeat -> containsBoundary(repeat.node());
			default -> false;
		};
	}

	/** Builds the automaton of a pattern's body. */
	private static final class Builder {

		private final boolean caseInsensitive;

		private int estimate;

		Builder(boolean caseInsensitive) {
			this.caseInsensitive = caseInsensitive;
		}

		Automaton build(Node node) {
			return switch (node) {
				case Node.Literal literal -> {
					count(1);
					yield this.caseInsensitive ? Automata.makeCaseInsensitiveChar(literal.codePoint())
							: Automata.makeChar(literal.codePoint());
				}
				case Node.CharClass set -> {
					count(1);
					// Classes never match the sentinels that stand for the text's start
					// and end.
					yield charClass(withoutSentinels(this.caseInsensitive ? CharClasses.caseInsensitive(set) : set));
				}
				case Node.Concat concat -> Operations.concatenate(concat.parts().stream().map(this::build).toList());
				case Node.Alternation alternation ->
					Operations.union(alternation.options().stream().map(this::build).toList());
				case Node.Repeat repeat -> repeat(repeat);
				case Node.Empty empty -> Automata.makeEmptyString();
				case Node.StartAnchor anchor -> Automata.makeChar(CompiledPattern.START);
				case Node.EndAnchor anchor -> Automata.makeChar(CompiledPattern.END);
				case Node.WordBoundary boundary -> Automata.makeChar(WordBoundaries.MARK);
			};
		}

		private Automaton repeat(Node.Repeat repeat) {
			int before = this.estimate;
			Automaton inner = build(repeat.node());
			int size = Math.max(1, this.estimate - before);
			int copies = Math.max(1, Math.max(repeat.min(), repeat.max()));
			count((long) size * (copies - 1));
			if (repeat.max() < 0) {
				return Operations.repeat(inner, repeat.min());
			}
			return Operations.repeat(inner, repeat.min(), repeat.max());
		}

		private void count(long states) {
			long total = this.estimate + states;
			if (total > MAX_NFA_STATES) {
				throw new PatternTooComplexException("The pattern expands to more than " + MAX_NFA_STATES
						+ " states; reduce large repetition counts");
			}
			this.estimate = (int) total;
		}

		static Automaton charClass(Node.CharClass set) {
			return Automata.makeCharClass(set.starts(), set.ends());
		}

		static Node.CharClass withoutSentinels(Node.CharClass set) {
			List<int[]> ranges = new ArrayList<>();
			for (int i = 0; i < set.starts().length; i++) {
				int from = set.starts()[i];
				int to = set.ends()[i];
				if (to < WordBoundaries.MARK || from > CompiledPattern.END) {
					ranges.add(new int[] { from, to });
					continue;
				}
				if (from < WordBoundaries.MARK) {
					ranges.add(new int[] { from, WordBoundaries.MARK - 1 });
				}
				if (to > CompiledPattern.END) {
					ranges.add(new int[] { CompiledPattern.END + 1, to });
				}
			}
			return CharClasses.of(ranges);
		}

	}

}
