package dev.warden.rules.pattern;

import java.util.Set;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * A rule's pattern compiled to a deterministic automaton of its "contains a match"
 * language: {@link #matches} answers in one pass over the text, whatever the pattern.
 */
public final class CompiledPattern {

	private final String source;

	private final Automaton automaton;

	private final CharacterRunAutomaton runner;

	private final Set<String> atoms;

	CompiledPattern(String source, Automaton automaton, Set<String> atoms) {
		this.source = source;
		this.automaton = automaton;
		this.runner = new CharacterRunAutomaton(automaton);
		this.atoms = Set.copyOf(atoms);
	}

	/**
	 * Tells whether the text contains a match (or, for anchored patterns, is one).
	 * @param text a normalized command or command line
	 * @return whether the rule matches
	 */
	public boolean matches(String text) {
		return this.runner.run(text);
	}

	/**
	 * Returns the pattern as written.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Returns lower-case literals one of which every matching text contains, or an empty
	 * set if the pattern has none worth filtering on.
	 * @return the atoms
	 */
	public Set<String> atoms() {
		return this.atoms;
	}

	/**
	 * Returns the deterministic automaton of the texts this pattern matches.
	 * @return the automaton
	 */
	public Automaton automaton() {
		return this.automaton;
	}

	/**
	 * Returns the number of states, a measure of the pattern's complexity.
	 * @return the state count
	 */
	public int states() {
		return this.automaton.getNumStates();
	}

}
