package dev.warden.rules.pattern;

import java.util.List;

/** A parsed pattern: the syntax tree of the RE2 subset Warden accepts. */
sealed interface Node {

	/** One character. */
	record Literal(int codePoint) implements Node {
	}

	/**
	 * A set of characters, as sorted, non-overlapping inclusive ranges.
	 *
	 * @param starts range starts
	 * @param ends range ends
	 */
	record CharClass(int[] starts, int[] ends) implements Node {
	}

	/** A sequence. */
	record Concat(List<Node> parts) implements Node {
	}

	/** Alternatives. */
	record Alternation(List<Node> options) implements Node {
	}

	/**
	 * A repetition.
	 *
	 * @param node what repeats
	 * @param min at least this many times
	 * @param max at most this many times, or -1 for no limit
	 */
	record Repeat(Node node, int min, int max) implements Node {
	}

	/** The empty string. */
	record Empty() implements Node {
	}

	/**
	 * {@code ^} or {@code \A}: the start of the text; {@code position} is where it was
	 * written.
	 */
	record StartAnchor(int position) implements Node {
	}

	/** {@code $} or {@code \z}: the end of the text. */
	record EndAnchor(int position) implements Node {
	}

	/** {@code \b} at the edge of a pattern: not inside a word. */
	record WordBoundary(int position) implements Node {
	}

}
