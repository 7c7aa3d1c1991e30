package dev.warden.rules.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Compares a rule's language (the commands it matches) exactly with every other enabled
 * rule's, using automata: intersection for overlap, difference for inclusion. Rules whose
 * roles never meet are not compared. The check has a time budget; past it, the answer is
 * "too complex to analyse", never a hang.
 */
public final class ConflictDetector {

	/** The most work a single difference may take (Lucene's work units). */
	static final int WORK_LIMIT = 50_000;

	private final Duration budget;

	public ConflictDetector(Duration budget) {
		this.budget = budget;
	}

	/**
	 * Finds the rules a candidate conflicts with.
	 * @param candidate the new or changed rule
	 * @param others the enabled rules, without the candidate's previous version
	 * @return the conflicts: equal and inclusion in both directions always, overlaps only
	 * where the actions differ
	 * @throws AnalysisTooComplexException if the comparison does not finish within the
	 * budget
	 */
	public List<Conflict> conflicts(CompiledRule candidate, List<CompiledRule> others) {
		long deadline = System.nanoTime() + this.budget.toNanos();
		Automaton a = candidate.pattern().automaton();
		List<Conflict> conflicts = new ArrayList<>();
		for (CompiledRule other : others) {
			if (System.nanoTime() > deadline) {
				throw new AnalysisTooComplexException("Comparing the rule with " + others.size()
						+ " rules took longer than " + this.budget.toMillis() + " ms");
			}
			if (other.id().equals(candidate.id()) || !candidate.sharesRolesWith(other)) {
				continue;
			}
			Automaton b = other.pattern().automaton();
			Automaton both = Operations.intersection(a, b);
			if (Operations.isEmpty(both)) {
				continue;
			}
			String witness = Witness.shortest(Operations.removeDeadStates(both));
			boolean aInB;
			boolean bInA;
			try {
				aInB = Operations.isEmpty(Operations.minus(a, b, WORK_LIMIT));
				bInA = Operations.isEmpty(Operations.minus(b, a, WORK_LIMIT));
			}
			catch (TooComplexToDeterminizeException ex) {
				throw new AnalysisTooComplexException("Comparing the rule with '" + other.name()
						+ "' needs a larger automaton than the analysis budget allows");
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
			conflicts.add(new Conflict(other.id(), other.name(), other.action(), relation,
					(witness != null) ? witness : "", explain(relation, candidate, other)));
		}
		return conflicts;
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
