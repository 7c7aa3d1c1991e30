package dev.warden.rules.shell;

import java.util.List;

/**
 * A command the line would run, normalized for matching: quotes and escapes resolved, the
 * command's path reduced to its name, assignments taken off, known long options replaced
 * by their short forms and short options merged into one sorted cluster.
 *
 * @param words the normalized words
 * @param text the words joined by single spaces: what rules match
 * @param via how it is reached: {@code line}, or the construct that runs it
 * ({@code $(...)}, {@code bash -c}, {@code sudo}, {@code eval}, ...)
 */
public record SimpleCommand(List<String> words, String text, String via) {

	/**
	 * Returns the command's name.
	 * @return the first word
	 */
	public String name() {
		return this.words.getFirst();
	}

}
