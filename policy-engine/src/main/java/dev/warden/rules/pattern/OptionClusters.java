package dev.warden.rules.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Canonical short options: adjacent short-option words ({@code -r -f}, {@code -rf},
 * {@code -fr}) become one word with their letters sorted and deduplicated ({@code -fr}).
 * Commands and rule patterns are canonicalized the same way, so a rule written with any
 * of these forms matches a command written with any other.
 *
 * <p>
 * A short-option word is a dash followed by ASCII letters only. Words with digits or
 * other characters ({@code -n5}, {@code -p22}, {@code --force}) are left alone.
 */
public final class OptionClusters {

	private OptionClusters() {
	}

	/**
	 * Tells whether a word is a cluster of short options.
	 * @param word a word
	 * @return whether it is {@code -} followed by one or more ASCII letters
	 */
	public static boolean isShortOptions(String word) {
		if (word.length() < 2 || word.charAt(0) != '-') {
			return false;
		}
		for (int i = 1; i < word.length(); i++) {
			char c = word.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Merges each run of adjacent short-option words into one sorted cluster.
	 * @param words the words of a command
	 * @return the canonical words
	 */
	public static List<String> canonicalize(List<String> words) {
		List<String> result = new ArrayList<>(words.size());
		TreeSet<Character> run = new TreeSet<>();
		for (String word : words) {
			if (isShortOptions(word)) {
				for (int i = 1; i < word.length(); i++) {
					run.add(word.charAt(i));
				}
				continue;
			}
			flush(run, result);
			result.add(word);
		}
		flush(run, result);
		return result;
	}

	private static void flush(TreeSet<Character> run, List<String> result) {
		if (run.isEmpty()) {
			return;
		}
		StringBuilder cluster = new StringBuilder("-");
		run.forEach(cluster::append);
		result.add(cluster.toString());
		run.clear();
	}

}
