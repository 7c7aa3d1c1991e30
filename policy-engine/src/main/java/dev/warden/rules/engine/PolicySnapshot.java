package dev.warden.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;

import dev.warden.rules.shell.ParsedLine;
import dev.warden.rules.shell.ShellParser;
import dev.warden.rules.shell.SimpleCommand;

/**
 * The enabled rules of one policy version, compiled and indexed. Immutable: the engine
 * swaps in a new snapshot when rules change, so evaluations in flight finish on the
 * version they started with.
 *
 * <p>
 * Matching one text: the text is scanned once, in lower case, for every rule's literal
 * atoms (Aho-Corasick); only rules with an atom in the text, and rules without atoms, run
 * their automaton, each in one pass. Each command's outcome is the most restrictive of
 * its matches, or the default when nothing matches it; the line's decision is the most
 * restrictive of its commands' outcomes and of the rules matching the whole line. A line
 * that does not parse or that hides a command is never allowed outright.
 */
public final class PolicySnapshot {

	private final List<CompiledRule> rules;

	private final long version;

	private final Action defaultAction;

	private final int defaultCost;

	private final AhoCorasick atoms;

	/** For each atom, the rules it stands for. */
	private final int[][] rulesByAtom;

	/** Rules without usable atoms, which run on every text. */
	private final int[] unfiltered;

	private final ThreadLocal<int[]> seen;

	private final ThreadLocal<int[]> stamp = ThreadLocal.withInitial(() -> new int[1]);

	private final ThreadLocal<int[]> candidates;

	private final Map<java.util.UUID, Integer> costs = new HashMap<>();

	/**
	 * Compiles an index over rules.
	 * @param rules the enabled rules
	 * @param version the policy version
	 * @param defaultAction the outcome of a command no rule matches
	 * @param defaultCost the cost of a command no rule prices
	 */
	public PolicySnapshot(List<CompiledRule> rules, long version, Action defaultAction, int defaultCost) {
		this.rules = List.copyOf(rules);
		this.version = version;
		this.defaultAction = defaultAction;
		this.defaultCost = defaultCost;
		Map<String, Integer> atomIds = new HashMap<>();
		List<String> atomList = new ArrayList<>();
		List<List<Integer>> byAtom = new ArrayList<>();
		List<Integer> always = new ArrayList<>();
		for (int i = 0; i < this.rules.size(); i++) {
			Set<String> ruleAtoms = this.rules.get(i).pattern().atoms();
			if (ruleAtoms.isEmpty()) {
				always.add(i);
				continue;
			}
			for (String atom : ruleAtoms) {
				Integer id = atomIds.get(atom);
				if (id == null) {
					id = atomList.size();
					atomIds.put(atom, id);
					atomList.add(atom);
					byAtom.add(new ArrayList<>());
				}
				byAtom.get(id).add(i);
			}
		}
		this.atoms = new AhoCorasick(atomList);
		this.rulesByAtom = byAtom.stream()
			.map((list) -> list.stream().mapToInt(Integer::intValue).toArray())
			.toArray(int[][]::new);
		this.unfiltered = always.stream().mapToInt(Integer::intValue).toArray();
		int size = this.rules.size();
		this.seen = ThreadLocal.withInitial(() -> new int[size]);
		this.candidates = ThreadLocal.withInitial(() -> new int[size]);
		for (CompiledRule rule : this.rules) {
			this.costs.put(rule.id(), rule.creditCost());
		}
	}

	public long version() {
		return this.version;
	}

	public List<CompiledRule> rules() {
		return this.rules;
	}

	/**
	 * Judges a command line.
	 * @param line the line as the caller would run it
	 * @param roles the caller's roles
	 * @return the decision, with every match and the reasons
	 */
	public Evaluation evaluate(String line, Set<String> roles) {
		ParsedLine parsed = ShellParser.parse(line);
		List<Evaluation.Match> matches = new ArrayList<>();
		List<Evaluation.Segment> segments = new ArrayList<>();
		Action decision = null;
		int cost = 0;
		for (SimpleCommand command : parsed.commands()) {
			int before = matches.size();
			collect(command.text(), "command", command.via(), roles, matches);
			Action outcome = null;
			int segmentCost = 0;
			for (int i = before; i < matches.size(); i++) {
				Evaluation.Match match = matches.get(i);
				outcome = (outcome == null) ? match.action() : outcome.max(match.action());
			}
			for (int i = before; i < matches.size(); i++) {
				if (matches.get(i).action() == outcome) {
					segmentCost = Math.max(segmentCost, costOf(matches.get(i).ruleId()));
				}
			}
			boolean defaulted = outcome == null;
			outcome = defaulted ? this.defaultAction : outcome;
			cost += defaulted ? this.defaultCost : Math.max(segmentCost, 0);
			segments.add(new Evaluation.Segment(command.text(), command.via(), outcome, defaulted));
			decision = (decision == null) ? outcome : decision.max(outcome);
		}
		int beforeLine = matches.size();
		collect(line, "line", "line", roles, matches);
		for (int i = beforeLine; i < matches.size(); i++) {
			decision = (decision == null) ? matches.get(i).action() : decision.max(matches.get(i).action());
		}
		if (decision == null) {
			decision = this.defaultAction; // nothing to run, such as a bare assignment or
											// comment
		}
		if (!parsed.fullyInspected()) {
			decision = decision.max(Action.REQUIRE_APPROVAL);
		}
		return new Evaluation(decision, matches, segments, parsed.concerns(), Math.max(cost, 0), this.version,
				Explanations.explain(decision, matches, segments, parsed.concerns(), this.defaultAction));
	}

	private int costOf(java.util.UUID ruleId) {
		return this.costs.getOrDefault(ruleId, this.defaultCost);
	}

	private void collect(String text, String scope, String via, Set<String> roles, List<Evaluation.Match> into) {
		int[] buffer = this.candidates.get();
		int count = candidates(text, buffer);
		for (int i = 0; i < count; i++) {
			CompiledRule rule = this.rules.get(buffer[i]);
			if (rule.appliesTo(roles) && rule.pattern().matches(text)) {
				into.add(new Evaluation.Match(rule.id(), rule.name(), rule.version(), rule.action(), text, scope, via));
			}
		}
	}

	/**
	 * Finds every rule that matches a text, whatever its roles, without allocating: the
	 * hot path the benchmark measures.
	 * @param text a normalized command
	 * @param into receives the indexes of the matching rules; at least as long as the
	 * rules
	 * @return how many rules matched
	 */
	public int matchAll(String text, int[] into) {
		int[] buffer = this.candidates.get();
		int count = candidates(text, buffer);
		int matched = 0;
		for (int i = 0; i < count; i++) {
			if (this.rules.get(buffer[i]).pattern().matches(text)) {
				into[matched++] = buffer[i];
			}
		}
		return matched;
	}

	/** Puts the rules worth running on a text into a buffer; returns how many. */
	private int candidates(String text, int[] buffer) {
		int[] seen = this.seen.get();
		int[] stamp = this.stamp.get();
		if (++stamp[0] == Integer.MAX_VALUE) {
			java.util.Arrays.fill(seen, 0);
			stamp[0] = 1;
		}
		int mark = stamp[0];
		int[] count = { 0 };
		this.atoms.scan(text.toLowerCase(Locale.ROOT), (atom) -> {
			for (int rule : this.rulesByAtom[atom]) {
				if (seen[rule] != mark) {
					seen[rule] = mark;
					buffer[count[0]++] = rule;
				}
			}
		});
		for (int rule : this.unfiltered) {
			buffer[count[0]++] = rule;
		}
		return count[0];
	}

}
