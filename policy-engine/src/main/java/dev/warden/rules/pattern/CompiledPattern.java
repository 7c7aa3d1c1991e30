package dev.warden.rules.pattern;

import java.util.Set;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * A rule's pattern compiled to a deterministic automaton of its "contains a match"
 * language: {@link #matches} answers in one pass over the text, whatever the pattern.
 */
public final class CompiledPattern {

	/** Stands before the text: only {@code ^} matches it. */
	static final int START = 0x02;

	/** Stands after the text: only {@code $} matches it. */
	static final int END = 0x03;

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
		int state = this.runner.step(0, START);
		for (int i = 0; i < text.length() && state >= 0;) {
			int c = text.codePointAt(i);
			i += Character.charCount(c);
			// A sentinel inside the text is matched as an ordinary character, never as an
			// anchor.
			state = this.runner.step(state, (c >= WordBoundaries.MARK && c <= END) ? '?' : c);
		}
		if (state >= 0) {
			state = this.runner.step(state, END);
		}
		return state >= 0 && this.runner.isAccept(state);
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
