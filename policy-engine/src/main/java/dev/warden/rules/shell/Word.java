package dev.warden.rules.shell;

import java.util.List;

/**
 * One word of a command line after quote removal.
 *
 * @param value the text, with quotes and escapes resolved and expansions kept as written
 * ({@code $HOME}, {@code $(...)})
 * @param quoted whether any part was quoted
 * @param dynamic whether the word contains an expansion or a substitution whose value is
 * only known at run time
 * @param ansiC whether an ANSI-C quoted part ({@code $'\x72'}) built it
 * @param substitutions the command lines inside {@code $(...)}, backquotes and process
 * substitutions
 * @param position where the word starts in the line
 */
record Word(String value, boolean quoted, boolean dynamic, boolean ansiC, List<String> substitutions, int position) {

	boolean isLiteral(String text) {
		return !this.quoted && !this.dynamic && this.value.equals(text);
	}

}
