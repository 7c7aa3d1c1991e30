package dev.warden.platform.problem;

import java.math.BigInteger;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Names the field of a request body that Jackson could not read, and says what it should
 * have been, without echoing the value: a repeated key, a number out of its type's range,
 * a fraction where an integer is expected, or any other value of the wrong type.
 */
final class BodyErrors {

	/**
	 * How jackson-core 3 words a repeated key under {@code STRICT_DUPLICATE_DETECTION}.
	 */
	private static final String DUPLICATE = "Duplicate Object property \"";

	private static final int MAX_KEY_LENGTH = 100;

	private static final Map<Class<?>, String> INTEGER_RANGES = Map.of(byte.class,
			range(Byte.MIN_VALUE, Byte.MAX_VALUE), Byte.class, range(Byte.MIN_VALUE, Byte.MAX_VALUE), short.class,
			range(Short.MIN_VALUE, Short.MAX_VALUE), Short.class, range(Short.MIN_VALUE, Short.MAX_VALUE), int.class,
			range(Integer.MIN_VALUE, Integer.MAX_VALUE), Integer.class, range(Integer.MIN_VALUE, Integer.MAX_VALUE),
			long.class, range(Long.MIN_VALUE, Long.MAX_VALUE), Long.class, range(Long.MIN_VALUE, Long.MAX_VALUE));

	private BodyErrors() {
	}

	/**
	 * Returns the field a body failed on, and why, if Jackson's exception says.
	 * @param cause the most specific cause of an unreadable body
	 * @return the field error, or {@code null} for a body that is simply not JSON
	 */
	static @Nullable FieldError fieldError(Throwable cause) {
		if (cause instanceof InputCoercionException coercion) {
			return new FieldError(pathOf(coercion), outOfRange(coercion.getTargetType()));
		}
		if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
				&& read.getOriginalMessage().startsWith(DUPLICATE)) {
			String key = duplicateKey(read.getOriginalMessage());
			String parent = pathOf(read);
			return new FieldError(parent.equals("body") ? key : parent + "." + key,
					"is repeated; each key may appear once in an object");
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String message = mismatch.getOriginalMessage();
			if (message != null && message.startsWith("Cannot map `null`")) {
				return new FieldError(pathOf(mismatch), "is required");
			}
			return new FieldError(pathOf(mismatch), expected(mismatch.getTargetType()));
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			return new FieldError(pathOf(databind), "has the wrong type or format");
		}
		return null;
	}

	/**
	 * Returns the problem's detail for a body that failed on a field.
	 * @param cause the most specific cause
	 * @param field the field error {@link #fieldError} found
	 * @return the detail
	 */
	static String detail(Throwable cause, FieldError field) {
		if (cause instanceof InputCoercionException) {
			return "Field '" + field.field() + "' is out of range.";
		}
		if (cause instanceof StreamReadException && !(cause instanceof DatabindException)) {
			return "Key '" + field.field() + "' appears more than once in the same JSON object.";
		}
		return "The request body does not match the expected shape.";
	}

	/**
	 * Says what a value of a type must look like.
	 * @param type the type Jackson or Spring tried to produce, or {@code null}
	 * @return a message such as "must be an integer from 0 to 255"
	 */
	static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "has the wrong type or format";
		}
		String range = INTEGER_RANGES.get(type);
		if (range != null) {
			return "must be an integer (no fraction or exponent) " + range;
		}
		if (type == BigInteger.class) {
			return "must be an integer (no fraction or exponent)";
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type == java.util.UUID.class) {
			return "must be a UUID";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (type.isEnum()) {
			return "must be one of the allowed values";
		}
		return "has the wrong type or format";
	}

	private static String outOfRange(@Nullable Class<?> type) {
		String range = (type != null) ? INTEGER_RANGES.get(type) : null;
		return "is out of range: must be an integer " + ((range != null) ? range : "in its type's range");
	}

	private static String range(long min, long max) {
		return "from " + min + " to " + max;
	}

	private static String duplicateKey(String message) {
		int start = DUPLICATE.length();
		int end = message.lastIndexOf('"');
		String key = (end > start) ? message.substring(start, end) : "?";
		return (key.length() > MAX_KEY_LENGTH) ? key.substring(0, MAX_KEY_LENGTH) + "..." : key;
	}

	/**
	 * Renders where in the body an exception happened, as {@code a.b[2].c}.
	 * @param ex the exception
	 * @return the path, or {@code body} for the top level
	 */
	static String pathOf(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

}
