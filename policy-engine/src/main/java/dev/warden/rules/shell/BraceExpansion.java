package dev.warden.rules.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Bash's brace expansion of unquoted words: {@code {rm,-rf,/}} becomes three words, and
 * {@code a{b,c}d} becomes {@code abd acd}. Ranges ({@code {1..3}}) expand too. Expansion
 * stops at {@value #LIMIT} words; the word is then left as written.
 */
final class BraceExpansion {

	static final int LIMIT = 256;

	private BraceExpansion() {
	}

	static List<String> expand(String word) {
		List<String> result = new ArrayList<>();
		if (!expandInto(word, result) || result.size() > LIMIT) {
			return List.of(word);
		}
		return result;
	}

	private static boolean expandInto(String word, List<String> out) {
		int open = -1;
		int close = -1;
		List<Integer> commas = new ArrayList<>();
		int depth = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (c == '{') {
				if (depth == 0) {
					open = i;
					commas.clear();
				}
				depth++;
			}
			else if (c == '}' && depth > 0) {
				depth--;
				if (depth == 0) {
					String inner = word.substring(open + 1, i);
					if (!commas.isEmpty() || inner.matches("-?\\d+\\.\\.-?\\d+|[a-zA-Z]\\.\\.[a-zA-Z]")) {
						close = i;
						break;
					}
					open = -1;
				}
			}
			else if (c == ',' && depth == 1) {
				commas.add(i);
			}
		}
		if (close < 0) {
			out.add(word);
			return true;
		}
		String prefix = word.substring(0, open);
		String suffix = word.substring(close + 1);
		List<String> options = new ArrayList<>();
		if (commas.isEmpty()) {
			if (!range(word.substring(open + 1, close), options)) {
				out.add(word);
				return true;
			}
		}
		else {
			int start = open + 1;
			for (int comma : commas) {
				options.add(word.substring(start, comma));
				start = comma + 1;
			}
			options.add(word.substring(start, close));
		}
		for (String option : options) {
			if (out.size() > LIMIT || !expandInto(prefix + option + suffix, out)) {
				return false;
			}
		}
		return true;
	}

	private static boolean range(String inner, List<String> options) {
		String[] bounds = inner.split("\\.\\.");
		try {
			int from = Integer.parseInt(bounds[0]);
			int to = Integer.parseInt(bounds[1]);
			if (Math.abs((long) to - from) > LIMIT) {
				return false;
			}
			for (int i = from; (from <= to) ? i <= to : i >= to; i += (from <= to) ? 1 : -1) {
				options.add(Integer.toString(i));
			}
			return true;
		}
		catch (NumberFormatException ex) {
			char from = bounds[0].charAt(0);
			char to = bounds[1].charAt(0);
			for (char c = from; (from <= to) ? c <= to : c >= to; c += (char) ((from <= to) ? 1 : -1)) {
				options.add(String.valueOf(c));
			}
			return true;
		}
	}

}
