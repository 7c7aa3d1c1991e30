package dev.warden.rules.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Character sets as sorted, merged ranges of code points. */
final class CharClasses {

	static final int MAX = Character.MAX_CODE_POINT;

	private CharClasses() {
	}

	static Node.CharClass of(List<int[]> ranges) {
		List<int[]> sorted = new ArrayList<>(ranges);
		sorted.sort(Comparator.comparingInt((int[] range) -> range[0]));
		List<int[]> merged = new ArrayList<>();
		for (int[] range : sorted) {
			if (!merged.isEmpty() && range[0] <= merged.getLast()[1] + 1) {
				merged.getLast()[1] = Math.max(merged.getLast()[1], range[1]);
			}
			else {
				merged.add(new int[] { range[0], range[1] });
			}
		}
		int[] starts = new int[merged.size()];
		int[] ends = new int[merged.size()];
		for (int i = 0; i < merged.size(); i++) {
			starts[i] = merged.get(i)[0];
			ends[i] = merged.get(i)[1];
		}
		return new Node.CharClass(starts, ends);
	}

	static Node.CharClass negate(Node.CharClass set) {
		List<int[]> ranges = new ArrayList<>();
		int next = 0;
		for (int i = 0; i < set.starts().length; i++) {
			if (set.starts()[i] > next) {
				ranges.add(new int[] { next, set.starts()[i] - 1 });
			}
			next = set.ends()[i] + 1;
		}
		if (next <= MAX) {
			ranges.add(new int[] { next, MAX });
		}
		return of(ranges);
	}

	static void addAll(List<int[]> ranges, Node.CharClass set) {
		for (int i = 0; i < set.starts().length; i++) {
			ranges.add(new int[] { set.starts()[i], set.ends()[i] });
		}
	}

	static Node.CharClass single(int codePoint) {
		return new Node.CharClass(new int[] { codePoint }, new int[] { codePoint });
	}

	static Node.CharClass anyButNewline() {
		return of(List.of(new int[] { 0, '\n' - 1 }, new int[] { '\n' + 1, MAX }));
	}

	static Node.CharClass digit() {
		return of(List.<int[]>of(new int[] { '0', '9' }));
	}

	static Node.CharClass word() {
		return of(List.of(new int[] { '0', '9' }, new int[] { 'A', 'Z' }, new int[] { '_', '_' },
				new int[] { 'a', 'z' }));
	}

	static Node.CharClass space() {
		return of(List.of(new int[] { '\t', '\r' }, new int[] { ' ', ' ' }));
	}

	static Node.@Nullable CharClass posix(String name) {
		return switch (name) {
			case "alpha" -> of(List.of(new int[] { 'A', 'Z' }, new int[] { 'a', 'z' }));
			case "digit" -> digit();
			case "alnum" -> of(List.of(new int[] { '0', '9' }, new int[] { 'A', 'Z' }, new int[] { 'a', 'z' }));
			case "upper" -> of(List.<int[]>of(new int[] { 'A', 'Z' }));
			case "lower" -> of(List.<int[]>of(new int[] { 'a', 'z' }));
			case "space" -> space();
			case "blank" -> of(List.of(new int[] { '\t', '\t' }, new int[] { ' ', ' ' }));
			case "word" -> word();
			case "xdigit" -> of(List.of(new int[] { '0', '9' }, new int[] { 'A', 'F' }, new int[] { 'a', 'f' }));
			case "punct" -> of(List.of(new int[] { '!', '/' }, new int[] { ':', '@' }, new int[] { '[', '`' },
					new int[] { '{', '~' }));
			case "print" -> of(List.<int[]>of(new int[] { ' ', '~' }));
			case "graph" -> of(List.<int[]>of(new int[] { '!', '~' }));
			case "cntrl" -> of(List.of(new int[] { 0, 31 }, new int[] { 127, 127 }));
			default -> null;
		};
	}

	/** Adds the other case of every letter in a set, for {@code (?i)}. */
	static Node.CharClass caseInsensitive(Node.CharClass set) {
		List<int[]> ranges = new ArrayList<>();
		addAll(ranges, set);
		for (int i = 0; i < set.starts().length; i++) {
			int from = set.starts()[i];
			int to = Math.min(set.ends()[i], from + 0x3000);
			for (int c = from; c <= to; c++) {
				int lower = Character.toLowerCase(c);
				int upper = Character.toUpperCase(c);
				if (lower != c) {
					ranges.add(new int[] { lower, lower });
				}
				if (upper != c) {
					ranges.add(new int[] { upper, upper });
				}
			}
		}
		return of(ranges);
	}

	static boolean contains(Node.CharClass set, int codePoint) {
		for (int i = 0; i < set.starts().length; i++) {
			if (codePoint >= set.starts()[i] && codePoint <= set.ends()[i]) {
				return true;
			}
		}
		return false;
	}

	static int size(Node.CharClass set) {
		long total = 0;
		for (int i = 0; i < set.starts().length; i++) {
			total += set.ends()[i] - set.starts()[i] + 1L;
		}
		return (int) Math.min(Integer.MAX_VALUE, total);
	}

}
