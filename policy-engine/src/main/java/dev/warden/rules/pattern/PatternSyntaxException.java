package dev.warden.rules.pattern;

/** A pattern that is not valid in Warden's dialect, with where the problem is. */
public final class PatternSyntaxException extends RuntimeException {

	private final int position;

	PatternSyntaxException(String message, int position) {
		super(message);
		this.position = position;
	}

	/**
	 * Returns where in the pattern the problem is.
	 * @return a zero-based character offset
	 */
	public int position() {
		return this.position;
	}

}
