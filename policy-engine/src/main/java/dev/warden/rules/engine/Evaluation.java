package dev.warden.rules.engine;

import java.util.List;
import java.util.UUID;

/**
 * The policy's answer for one command line.
 *
 * @param decision what happens to the line: the most restrictive of every command's
 * outcome
 * @param matches every rule that matched, with what it matched
 * @param commands every command the line would run, as matched
 * @param concerns why the line cannot be fully inspected, if it cannot
 * @param cost the credits the line costs if it runs
 * @param policyVersion the version of the rules this answer comes from
 * @param explanation the decision in plain words
 */
public record Evaluation(Action decision, List<Match> matches, List<Segment> commands, List<String> concerns, int cost,
		long policyVersion, String explanation) {

	/**
	 * One rule that matched.
	 *
	 * @param ruleId the rule
	 * @param ruleName its name
	 * @param ruleVersion its version
	 * @param action what it decides
	 * @param segment what it matched: one command as normalized, or the whole line
	 * @param scope {@code command} or {@code line}
	 * @param via how that command is reached ({@code line}, {@code sudo}, {@code $(...)},
	 * ...)
	 */
	public record Match(UUID ruleId, String ruleName, int ruleVersion, Action action, String segment, String scope,
			String via) {
	}

	/**
	 * One command of the line and its own outcome.
	 *
	 * @param text the command as normalized
	 * @param via how it is reached
	 * @param decision its outcome alone
	 * @param defaulted whether no rule matched it and the default decided
	 */
	public record Segment(String text, String via, Action decision, boolean defaulted) {
	}

}
