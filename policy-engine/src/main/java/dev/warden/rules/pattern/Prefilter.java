package dev.warden.rules.pattern;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds literal strings one of which every match of a pattern must contain, as RE2's
 * FilteredRE2 and Hyperscan do, so that the engine runs a rule's automaton only on texts
 * that contain one of its atoms. Atoms are lower case; the texts are scanned in lower
 * case, which keeps the filter a necessary condition for case-sensitive and
 * case-insensitive rules alike.
 */
final class Prefilter {

	/** Atoms shorter than this are too common to filter anything. */
	static final int MIN_ATOM_LENGTH = 2;

	private static final int MAX_EXACT = 16;

	private static final int MAX_EXACT_LENGTH = 24;

	private Prefilter() {
	}

	/**
	 * Returns the atoms of a pattern.
	 * @param node the pattern, without its edges
	 * @return atoms one of which every match contains, or an empty set when there are
	 * none
	 */
	static Set<String> atoms(Node node) {
		Info info = info(node);
		Set<String> atoms = (info.exact != null) ? info.exact : info.required;
		if (atoms == null || atoms.isEmpty() || atoms.stream().anyMatch((atom) -> atom.length() < MIN_ATOM_LENGTH)) {
			return Set.of();
		}
		return atoms;
	}

	/**
	 * What is known of the strings a node matches.
	 *
	 * @param exact every string it can match, when few and short, else {@code null}
	 * @param required atoms one of which every match contains, or {@code null} if none is
	 * known
	 */
	private record Info(@Nullable Set<String> exact, @Nullable Set<String> required) {

		Set<String> best() {
			return (this.exact != null) ? this.exact : this.required;
		}

	}

	private static Info info(Node node) {
		return switch (node) {
			case Node.Literal literal -> exact(Set.of(lower(literal.codePoint())));
			case Node.CharClass set -> {
				if (CharClasses.size(set) > 4) {
					yield new Info(null, null);
				}
				Set<String> chars = new LinkedHashSet<>();
				for (int i = 0; i < set.starts().length; i++) {
					for (int c = set.starts()[i]; c <= set.ends()[i]; c++) {
						chars.add(lower(c));
					}
				}
				yield exact(chars);
			}
			case Node.Empty empty -> exact(Set.of(""));
			case Node.Concat concat -> concat(concat.parts());
			case Node.Alternation alternation -> alternation(alternation.options());
			case Node.Repeat repeat -> {
				Info inner = info(repeat.node());
				if (repeat.min() == 0) {
					yield new Info(null, null);
				}
				if (repeat.min() == 1 && repeat.max() == 1) {
					yield inner;
				}
				yield new Info(null, (inner.best() != null) ? inner.best() : null);
			}
			case Node.StartAnchor anchor -> exact(Set.of(""));
			case Node.EndAnchor anchor -> exact(Set.of(""));
			case Node.WordBoundary boundary -> exact(Set.of(""));
		};
	}

	private static Info concat(List<Node> parts) {
		Set<String> exact = Set.of("");
		Set<String> best = null;
		for (Node part : parts) {
			Info info = info(part);
			if (exact != null && info.exact != null && exact.size() * info.exact.size() <= MAX_EXACT) {
				Set<String> product = new LinkedHashSet<>();
				for (String left : exact) {
					for (String right : info.exact) {
						product.add(left + right);
					}
				}
				exact = product.stream().allMatch((text) -> text.length() <= MAX_EXACT_LENGTH) ? product : null;
				if (exact == null) {
					best = better(best, product);
				}
			}
			else {
				best = better(best, exact);
				exact = null;
				best = better(best, info.best());
				if (info.exact != null) {
					// What follows may extend this piece again.
					exact = info.exact;
				}
			}
		}
		if (exact != null && best == null) {
			return exact(exact);
		}
		return new Info(null, better(best, exact));
	}

	private static Info alternation(List<Node> options) {
		Set<String> exact = new LinkedHashSet<>();
		Set<String> required = new LinkedHashSet<>();
		boolean allExact = true;
		boolean allRequired = true;
		for (Node option : options) {
			Info info = info(option);
			if (info.exact != null) {
				exact.addAll(info.exact);
			}
			else {
				allExact = false;
			}
			if (info.best() != null && info.best().stream().noneMatch(String::isEmpty)) {
				required.addAll(info.best());
			}
			else {
				allRequired = false;
			}
		}
		if (allExact && exact.size() <= MAX_EXACT) {
			return exact(exact);
		}
		return new Info(null, allRequired ? required : null);
	}

	/** Prefers the set whose shortest atom is longest: it filters best. */
	private static @Nullable Set<String> better(@Nullable Set<String> a, @Nullable Set<String> b) {
		if (a == null || a.stream().anyMatch(String::isEmpty)) {
			return (b != null && b.stream().noneMatch(String::isEmpty)) ? b : null;
		}
		if (b == null || b.stream().anyMatch(String::isEmpty)) {
			return a;
		}
		int minA = a.stream().mapToInt(String::length).min().orElse(0);
		int minB = b.stream().mapToInt(String::length).min().orElse(0);
		return (minB > minA || (minB == minA && b.size() < a.size())) ? b : a;
	}

	private static Info exact(Set<String> strings) {
		return new Info(strings, null);
	}

	private static String lower(int codePoint) {
		return new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
	}

}
