package dev.warden.audit.log;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells as RFC 4180 writes them, made safe to open in a spreadsheet.
 */
final class Csv {

	private Csv() {
	}

	/**
	 * Returns a cell ready to write between commas.
	 * <p>
	 * A value a spreadsheet would run as a formula ({@code = + - @}, or a tab or carriage
	 * return that some spreadsheets skip before one) gets a leading {@code '}: an audit
	 * trail holds text users typed, and opening an export must not run it (OWASP "CSV
	 * injection"). A cell with a comma, a quote or a line break is quoted, its quotes
	 * doubled.
	 * @param value the value, or {@code null} for an empty cell
	 * @return the cell
	 */
	static String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
			default -> value;
		};
		if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
			return safe;
		}
		return '"' + safe.replace("\"", "\"\"") + '"';
	}

}
