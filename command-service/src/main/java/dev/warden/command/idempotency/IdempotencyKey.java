package dev.warden.command.idempotency;

import java.util.regex.Pattern;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

/**
 * A client's idempotency key, scoped to the client: two users may use the same key.
 *
 * @param userId whose key
 * @param value the key as sent
 */
public record IdempotencyKey(String userId, String value) {

	/** The request header. */
	public static final String HEADER = "Idempotency-Key";

	/**
	 * Printable ASCII without quotes or backslashes, as a structured-field string holds.
	 */
	private static final Pattern SYNTAX = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");

	/**
	 * Reads a key from its header.
	 * @param userId whose key
	 * @param header the header's value, with or without the quotes of a structured-field
	 * string
	 * @return the key
	 * @throws ProblemException if it is not a valid key
	 */
	public static IdempotencyKey parse(String userId, String header) {
		String value = header.strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		if (!SYNTAX.matcher(value).matches()) {
			throw new ProblemException(ProblemTypes.MALFORMED_REQUEST,
					"The Idempotency-Key header must be 1 to 255 printable ASCII characters.");
		}
		return new IdempotencyKey(userId, value);
	}

}
