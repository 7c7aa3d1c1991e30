package dev.warden.rules.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Says in plain words why a line got its decision. */
final class Explanations {

	private Explanations() {
	}

	static String explain(Action decision, List<Evaluation.Match> matches, List<Evaluation.Segment> segments,
			List<String> concerns, Action defaultAction) {
		StringBuilder text = new StringBuilder(label(decision)).append(": ");
		List<Evaluation.Match> decisive = matches.stream().filter((match) -> match.action() == decision).toList();
		if (!decisive.isEmpty()) {
			Set<String> reasons = new LinkedHashSet<>();
			for (Evaluation.Match match : decisive) {
				reasons.add("rule '" + match.ruleName() + "' matched "
						+ ("line".equals(match.scope()) ? "the line" : "`" + match.segment() + "`"
								+ (match.via().equals("line") ? "" : " (run by " + match.via() + ")")));
			}
			text.append(String.join("; ", reasons)).append('.');
		}
		else if (!concerns.isEmpty() && decision == Action.REQUIRE_APPROVAL) {
			text.append("the line cannot be fully inspected, so it is not allowed without approval.");
		}
		else {
			List<String> unmatched = segments.stream()
				.filter(Evaluation.Segment::defaulted)
				.map((s) -> "`" + s.text() + "`")
				.toList();
			text.append(unmatched.isEmpty() ? "no rule matched" : "no rule matched " + String.join(", ", unmatched))
				.append("; commands no rule covers are ")
				.append(label(defaultAction).toLowerCase())
				.append(" by default.");
		}
		if (!concerns.isEmpty()) {
			text.append(" Also: ").append(String.join("; ", concerns)).append('.');
		}
		return text.toString();
	}

	private static String label(Action action) {
		return switch (action) {
			case ALLOW -> "Allowed";
			case REQUIRE_APPROVAL -> "Needs approval";
			case BLOCK -> "Blocked";
		};
	}

}
