package dev.warden.rules.shell;

import java.util.List;

/**
 * A command line as the shell would run it.
 *
 * @param line the line as given
 * @param commands every simple command it would run, in order, including nested ones
 * @param concerns why the line cannot be fully inspected (it does not parse, or it hides
 * a command); a line with concerns is never allowed outright
 */
public record ParsedLine(String line, List<SimpleCommand> commands, List<String> concerns) {

	/**
	 * Tells whether everything the line runs is visible.
	 * @return whether there are no concerns
	 */
	public boolean fullyInspected() {
		return this.concerns.isEmpty();
	}

}
