package dev.warden.rules.shell;

/** A command line a shell would refuse, such as one with an unterminated quote. */
final class ShellSyntaxException extends RuntimeException {

	private final int position;

	ShellSyntaxException(String message, int position) {
		super(message);
		this.position = position;
	}

	int position() {
		return this.position;
	}

}
