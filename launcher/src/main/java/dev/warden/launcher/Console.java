package dev.warden.launcher;

import java.io.PrintStream;
import java.time.Duration;

/** What the launcher prints, with colour only on a terminal. */
final class Console {

	private final PrintStream out;

	private final boolean colour;

	Console(PrintStream out, boolean colour) {
		this.out = out;
		this.colour = colour;
	}

	static Console system() {
		boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null
				&& !"dumb".equals(System.getenv("TERM"));
		return new Console(System.out, terminal);
	}

	void step(String message) {
		this.out.println(paint("1;34", "==> ") + message);
	}

	void ok(String message) {
		this.out.println(paint("32", "  ✓ ") + message);
	}

	void waiting(String message) {
		this.out.println(paint("33", "  … ") + message);
	}

	void fail(String message) {
		this.out.println(paint("31", "  ✗ ") + message);
	}

	void line(String message) {
		this.out.println(message);
	}

	String bold(String text) {
		return paint("1", text);
	}

	static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	private String paint(String code, String text) {
		return this.colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
	}

}
