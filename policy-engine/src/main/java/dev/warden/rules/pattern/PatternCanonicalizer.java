package dev.warden.rules.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the literal short options in a pattern the way {@link OptionClusters} rewrites
 * commands: in a sequence, literal words like {@code -rf}, or {@code -r} and {@code -f}
 * separated only by whitespace ({@code " "}, {@code \s}, {@code \s+}), become one sorted
 * cluster. Options written with classes or repetitions are left as written and match the
 * canonical form as they stand (write {@code -[a-z]*r} for "any cluster with r").
 */
final class PatternCanonicalizer {

	private PatternCanonicalizer() {
	}

	static Node canonicalize(Node node) {
		return canonicalize(node, true);
	}

	/**
	 * Canonicalizes a node.
	 * @param wordStart whether the node starts where a word may start: the pattern's own
	 * start, not the inside of a group, which may sit in the middle of a word
	 * ({@code apt(-get)?})
	 */
	private static Node canonicalize(Node node, boolean wordStart) {
		return switch (node) {
			case Node.Concat concat -> new Node.Concat(
					rewrite(concat.parts().stream().map((part) -> canonicalize(part, false)).toList(), wordStart));
			case Node.Alternation alternation -> new Node.Alternation(
					alternation.options().stream().map((option) -> canonicalize(option, wordStart)).toList());
			case Node.Repeat repeat -> new Node.Repeat(canonicalize(repeat.node(), false), repeat.min(), repeat.max());
			default -> node;
		};
	}

	private static List<Node> rewrite(List<Node> parts, boolean wordStart) {
		List<Node> result = new ArrayList<>();
		int i = 0;
		while (i < parts.size()) {
			int optionStart = i;
			if (isOptionStart(parts, i, wordStart)) {
				StringBuilder letters = new StringBuilder();
				int end = i;
				int lastOptionEnd = i;
				while (isOptionStart(parts, end, wordStart)) {
					int j = end + 1;
					while (j < parts.size() && isAsciiLetter(parts.get(j))) {
						letters.append((char) ((Node.Literal) parts.get(j)).codePoint());
						j++;
					}
					lastOptionEnd = j;
					int k = j;
					while (k < parts.size() && isWhitespace(parts.get(k))) {
						k++;
					}
					if (k > j && isOptionStart(parts, k, wordStart)) {
						end = k;
					}
					else {
						break;
					}
				}
				if (lastOptionEnd == parts.size() || isWhitespace(parts.get(lastOptionEnd))
						|| !(parts.get(lastOptionEnd) instanceof Node.Literal)) {
					for (String word : OptionClusters.canonicalize(List.of("-" + letters))) {
						word.codePoints().forEach((c) -> result.add(new Node.Literal(c)));
					}
					i = lastOptionEnd;
					continue;
				}
				i = optionStart;
			}
			result.add(parts.get(i));
			i++;
		}
		return result;
	}

	/** A literal dash at a word start, followed by a literal letter. */
	private static boolean isOptionStart(List<Node> parts, int i, boolean wordStart) {
		if (i + 1 >= parts.size() || !(parts.get(i) instanceof Node.Literal dash) || dash.codePoint() != '-'
				|| !isAsciiLetter(parts.get(i + 1))) {
			return false;
		}
		return (i == 0) ? wordStart : isWhitespace(parts.get(i - 1)) || parts.get(i - 1) instanceof Node.StartAnchor
				|| parts.get(i - 1) instanceof Node.WordBoundary;
	}

	private static boolean isAsciiLetter(Node node) {
		return node instanceof Node.Literal literal && ((literal.codePoint() >= 'a' && literal.codePoint() <= 'z')
				|| (literal.codePoint() >= 'A' && literal.codePoint() <= 'Z'));
	}

	private static boolean isWhitespace(Node node) {
		if (node instanceof Node.Literal literal) {
			return literal.codePoint() == ' ';
		}
		if (node instanceof Node.Repeat repeat && repeat.min() >= 1) {
			return isWhitespace(repeat.node());
		}
		return node instanceof Node.CharClass set && CharClasses.contains(set, ' ') && !CharClasses.contains(set, 'a')
				&& !CharClasses.contains(set, '-');
	}

}
