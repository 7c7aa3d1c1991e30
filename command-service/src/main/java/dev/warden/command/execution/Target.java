package dev.warden.command.execution;

import java.util.List;
import java.util.regex.Pattern;

import dev.warden.platform.problem.FieldError;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

/**
 * Where a command is to run, written {@code kind} or {@code kind:name}: {@code local} for
 * the sandboxed local executor, {@code agent:build-box} for the caller's agent named
 * {@code build-box}, later {@code ssh:prod-db} for an SSH profile.
 *
 * @param kind the kind of executor
 * @param name which one of that kind; empty when the kind has only one
 */
public record Target(String kind, String name) {

	private static final Pattern SYNTAX = Pattern
		.compile("([a-z][a-z0-9-]{0,31})(?::([A-Za-z0-9][A-Za-z0-9._/-]{0,127}))?");

	/**
	 * Reads a target.
	 * @param text the target as the client wrote it
	 * @return the target
	 * @throws ProblemException a validation problem if it is not a target
	 */
	public static Target parse(String text) {
		var matcher = SYNTAX.matcher(text);
		if (!matcher.matches()) {
			throw new ProblemException(ProblemTypes.VALIDATION,
					"A target is written kind or kind:name, for example local or agent:build-box.")
				.with("errors", List.of(new FieldError("target", "must be kind or kind:name")));
		}
		String name = matcher.group(2);
		return new Target(matcher.group(1), (name != null) ? name : "");
	}

	@Override
	public String toString() {
		return this.name.isEmpty() ? this.kind : this.kind + ":" + this.name;
	}

}
