package dev.warden.platform.problem;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error to answer with a problem of a known type. Features throw it (or a subclass)
 * and the platform turns it into an {@code application/problem+json} response.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private @Nullable Duration retryAfter;

	/**
	 * Creates a problem.
	 * @param type the kind of problem
	 * @param detail a sentence for the client about this occurrence; it must not contain
	 * secrets
	 */
	public ProblemException(ProblemType type, String detail) {
		super(detail);
		this.type = type;
	}

	/**
	 * Creates a problem caused by another exception, which is logged but never shown.
	 * @param type the kind of problem
	 * @param detail a sentence for the client
	 * @param cause the cause
	 */
	public ProblemException(ProblemType type, String detail, Throwable cause) {
		super(detail, cause);
		this.type = type;
	}

	/**
	 * Creates a 404 problem.
	 * @param what what was not found, for example {@code "Command 42"}
	 * @return the problem
	 */
	public static ProblemException notFound(String what) {
		return new ProblemException(ProblemTypes.NOT_FOUND, what + " does not exist.");
	}

	/**
	 * Creates a 409 problem.
	 * @param detail why the request conflicts
	 * @return the problem
	 */
	public static ProblemException conflict(String detail) {
		return new ProblemException(ProblemTypes.CONFLICT, detail);
	}

	/**
	 * Creates a 429 problem.
	 * @param detail which limit was reached
	 * @param retryAfter when the client may try again
	 * @return the problem
	 */
	public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
		return new ProblemException(ProblemTypes.TOO_MANY_REQUESTS, detail).retryAfter(retryAfter);
	}

	/**
	 * Creates a 503 problem.
	 * @param detail which dependency is unavailable
	 * @return the problem
	 */
	public static ProblemException unavailable(String detail) {
		return new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, detail);
	}

	/**
	 * Adds an extension member to the problem body.
	 * @param name the member name
	 * @param value its value
	 * @return this problem
	 */
	public ProblemException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	/**
	 * Asks the client to wait before retrying; sent as {@code Retry-After}.
	 * @param delay how long to wait
	 * @return this problem
	 */
	public ProblemException retryAfter(Duration delay) {
		this.retryAfter = delay;
		return this;
	}

	/**
	 * Returns the kind of problem.
	 * @return the type
	 */
	public ProblemType type() {
		return this.type;
	}

	/**
	 * Returns the extension members.
	 * @return the members, in insertion order
	 */
	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

	/**
	 * Returns how long the client should wait, if it should.
	 * @return the delay or {@code null}
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
