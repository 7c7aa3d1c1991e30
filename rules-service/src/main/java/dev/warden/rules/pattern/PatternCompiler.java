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
			Edges edges = Edges.of(option);
			Builder builder = new Builder(parsed.caseInsensitive());
			Automaton body = builder.build(edges.body());
			languages.add(Operations.concatenate(List.of(edges.prefix(), body, edges.suffix())));
			Set<String> optionAtoms = Prefilter.atoms(edges.body());
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
			Automaton deterministic = Operations.removeDeadStates(Operations.determinize(union, WORK_LIMIT));
			return new CompiledPattern(source, deterministic, filterable ? atoms : Set.of());
		}
		catch (TooComplexToDeterminizeException ex) {
			throw new PatternTooComplexException("The pattern's automaton would be too large to build in bounded "
					+ "time (patterns like (a|b)*a(a|b){20} grow exponentially); simplify it");
		}
	}

	/** The anchors and word boundaries at the two ends of one top-level alternative. */
	private record Edges(Automaton prefix, Node body, Automaton suffix) {

		static Edges of(Node option) {
			List<Node> parts = new ArrayList<>(
					(option instanceof Node.Concat concat) ? concat.parts() : List.of(option));
			Automaton prefix = Automata.makeAnyString();
			Automaton suffix = Automata.makeAnyString();
			if (!parts.isEmpty() && parts.getFirst() instanceof Node.StartAnchor) {
				parts.removeFirst();
				prefix = Automata.makeEmptyString();
			}
			else if (!parts.isEmpty() && parts.getFirst() instanceof Node.WordBoundary) {
				parts.removeFirst();
				prefix = Operations.optional(Operations.concatenate(Automata.makeAnyString(),
						Builder.charClass(CharClasses.negate(CharClasses.word()))));
			}
			if (!parts.isEmpty() && parts.getLast() instanceof Node.EndAnchor) {
				parts.removeLast();
				suffix = Automata.makeEmptyString();
			}
			else if (!parts.isEmpty() && parts.getLast() instanceof Node.WordBoundary) {
				parts.removeLast();
				suffix = Operations.optional(Operations
					.concatenate(Builder.charClass(CharClasses.negate(CharClasses.word())), Automata.makeAnyString()));
			}
			Node body = parts.isEmpty() ? new Node.Empty()
					: (parts.size() == 1) ? parts.getFirst() : new Node.Concat(parts);
			Builder.rejectInnerAnchors(body);
			return new Edges(prefix, body, suffix);
		}

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
					yield charClass(this.caseInsensitive ? CharClasses.caseInsensitive(set) : set);
				}
				case Node.Concat concat -> Operations.concatenate(concat.parts().stream().map(this::build).toList());
				case Node.Alternation alternation ->
					Operations.union(alternation.options().stream().map(this::build).toList());
				case Node.Repeat repeat -> repeat(repeat);
				case Node.Empty empty -> Automata.makeEmptyString();
				case Node.StartAnchor anchor -> throw new IllegalStateException("anchors are removed before building");
				case Node.EndAnchor anchor -> throw new IllegalStateException("anchors are removed before building");
				case Node.WordBoundary boundary ->
					throw new IllegalStateException("boundaries are removed before building");
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

		static void rejectInnerAnchors(Node node) {
			switch (node) {
				case Node.StartAnchor anchor -> throw new PatternSyntaxException(
						"^ and \\A are only allowed at the start of the pattern or of a top-level alternative",
						anchor.position());
				case Node.EndAnchor anchor -> throw new PatternSyntaxException(
						"$ and \\z are only allowed at the end of the pattern or of a top-level alternative",
						anchor.position());
				case Node.WordBoundary boundary -> throw new PatternSyntaxException(
						"\\b is only allowed at the start or end of the pattern or of a top-level alternative",
						boundary.position());
				case Node.Concat concat -> concat.parts().forEach(Builder::rejectInnerAnchors);
				case Node.Alternation alternation -> alternation.options().forEach(Builder::rejectInnerAnchors);
				case Node.Repeat repeat -> rejectInnerAnchors(repeat.node());
				default -> {
				}
			}
		}

	}

}
