package dev.warden.rules.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.util.automaton.Automaton;

/**
 * Compares a rule's language (the commands it matches) exactly with every other enabled
 * rule's, using automata: a common text for overlap, a text only one matches for
 * inclusion, each found by a breadth-first search of the two automata's product that
 * stops at the first answer (see {@link ProductSearch}). Rules whose roles never meet are
 * not compared. The check has a time budget; past it, the answer is "too complex to
 * analyse", never a hang.
 */
public final class ConflictDetector {

	private final Duration budget;

	public ConflictDetector(Duration budget) {
		this.budget = budget;
	}

	/**
	 * Finds the rules a candidate conflicts with.
	 * @param candidate the new or changed rule
	 * @param others the enabled rules, without the candidate's previous version
	 * @return the conflicts: equal and inclusion in both directions always, overlaps only
	 * where the actions differ; in that order
	 * @throws AnalysisTooComplexException if the comparison does not finish within the
	 * budget
	 */
	public List<Conflict> conflicts(CompiledRule candidate, List<CompiledRule> others) {
		long deadline = System.nanoTime() + this.budget.toNanos();
		Automaton a = candidate.pattern().automaton();
		List<Conflict> conflicts = new ArrayList<>();
		for (CompiledRule other : others) {
			if (System.nanoTime() > deadline) {
				throw tookTooLong(others.size());
			}
			if (other.id().equals(candidate.id()) || !candidate.sharesRolesWith(other)) {
				continue;
			}
			Automaton b = other.pattern().automaton();
			String witness;
			boolean aInB;
			boolean bInA;
			try {
				witness = ProductSearch.common(a, b, deadline);
				if (witness == null) {
					continue;
				}
				aInB = ProductSearch.onlyInFirst(a, b, deadline) == null;
				bInA = ProductSearch.onlyInFirst(b, a, deadline) == null;
			}
			catch (ProductSearch.Overrun ex) {
				throw ex.tooLarge()
						? new AnalysisTooComplexException("Comparing the rule with '" + other.name()
								+ "' needs a larger automaton than the analysis budget allows")
						: tookTooLong(others.size());
			}
			Conflict.Relation relation;
			if (aInB && bInA) {
				relation = Conflict.Relation.EQUAL;
			}
			else if (aInB) {
				relation = Conflict.Relation.SUBSUMED_BY;
			}
			else if (bInA) {
				relation = Conflict.Relation.SUBSUMES;
			}
			else if (other.action() != candidate.action()) {
				relation = Conflict.Relation.OVERLAPS;
			}
			else {
				continue;
			}
			conflicts.add(new Conflict(other.id(), other.name(), other.action(), relation, displayable(witness),
					explain(relation, candidate, other)));
		}
		// Duplicates and inclusions first: they are what an admin most needs to see.
		conflicts.sort(Comparator.comparing(Conflict::relation));
		return conflicts;
	}

	private AnalysisTooComplexException tookTooLong(int rules) {
		return new AnalysisTooComplexException(
				"Comparing the rule with " + rules + " rules took longer than " + this.budget.toMillis() + " ms");
	}

	/**
	 * Renders a witness for people and for storage: without the sentinels the automata
	 * read around the text, and with any control character that remains (only when no
	 * readable command of that length exists) written as {@code \xHH}.
	 */
	static String displayable(String witness) {
		StringBuilder text = new StringBuilder(witness.length());
		witness.codePoints().forEach((c) -> {
			if (c == 0x02 || c == 0x03) {
				return;
			}
			if (c < 0x20 || c == 0x7f) {
				text.append(String.format("\\x%02x", c));
			}
			else {
				text.appendCodePoint(c);
			}
		});
		return text.toString();
	}

	private static String explain(Conflict.Relation relation, CompiledRule candidate, CompiledRule other) {
		return switch (relation) {
			case EQUAL -> "matches exactly the same commands as '" + other.name() + "'";
			case SUBSUMED_BY -> "every command it matches is matched by '" + other.name() + "' too; "
					+ ((other.action().max(candidate.action()) == other.action()
							&& other.action() != candidate.action())
									? "that rule is stricter, so this one never decides anything (dead)"
									: (other.action() == candidate.action()) ? "it is redundant"
											: "it makes those commands stricter than '" + other.name() + "' does");
			case SUBSUMES -> "it matches every command '" + other.name() + "' matches, and more; "
					+ ((other.action() == candidate.action()) ? "that rule becomes redundant"
							: (candidate.action().max(other.action()) == candidate.action())
									? "that rule becomes dead: this one is stricter on all of its commands"
									: "that rule stays stricter on its commands");
			case OVERLAPS -> "some commands match both, and '" + other.name() + "' decides " + other.action()
					+ " where this one decides " + candidate.action() + "; the stricter wins";
		};
	}

	/** The comparison did not fit the budget. */
	public static final class AnalysisTooComplexException extends RuntimeException {

		AnalysisTooComplexException(String message) {
			super(message);
		}

	}

}
