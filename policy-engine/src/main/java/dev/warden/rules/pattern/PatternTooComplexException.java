package dev.warden.rules.pattern;

/**
 * A pattern that is valid but cannot be compiled or compared within the complexity
 * budget, for example because its deterministic automaton would be exponentially large.
 */
public final class PatternTooComplexException extends RuntimeException {

	PatternTooComplexException(String message) {
		super(message);
	}

}
