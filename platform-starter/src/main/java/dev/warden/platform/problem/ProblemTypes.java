package dev.warden.platform.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The kinds of error every Warden service can answer with. */
public final class ProblemTypes {

	/**
	 * The request is well-formed but some fields are invalid; {@code errors} lists them.
	 */
	public static final ProblemType VALIDATION = new ProblemType("validation", HttpStatus.BAD_REQUEST,
			"The request has invalid fields");

	/** The body is not valid JSON, or a parameter or field has the wrong type. */
	public static final ProblemType MALFORMED_REQUEST = new ProblemType("malformed-request", HttpStatus.BAD_REQUEST,
			"The request could not be read");

	/** No valid credentials came with the request. */
	public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", HttpStatus.UNAUTHORIZED,
			"Authentication is required");

	/** The caller is known but may not do this. */
	public static final ProblemType FORBIDDEN = new ProblemType("forbidden", HttpStatus.FORBIDDEN,
			"You may not do this");

	/**
	 * The route or the object does not exist, or the caller may not know that it does.
	 */
	public static final ProblemType NOT_FOUND = new ProblemType("not-found", HttpStatus.NOT_FOUND, "Not found");

	/** The route exists but not for this HTTP method. */
	public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed",
			HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");

	/** The service cannot answer in any media type the client accepts. */
	public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", HttpStatus.NOT_ACCEPTABLE,
			"No acceptable representation");

	/**
	 * The client did not send the body it announced in time: it stopped for longer than
	 * the server waits on a read, or, at the gateway, the route's time limit ran out
	 * while the body was still arriving.
	 */
	public static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", HttpStatus.REQUEST_TIMEOUT,
			"The request's body did not arrive in time");

	/** The request conflicts with the current state of the object. */
	public static final ProblemType CONFLICT = new ProblemType("conflict", HttpStatus.CONFLICT,
			"The request conflicts with the current state");

	/** The body is larger than the service accepts. */
	public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large",
			HttpStatus.CONTENT_TOO_LARGE, "The request is too large");

	/** The body's media type is not one the endpoint reads. */
	public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type",
			HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");

	/** The request is understood and well-formed but cannot be processed as it stands. */
	public static final ProblemType UNPROCESSABLE = new ProblemType("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT,
			"The request cannot be processed");

	/** A rate limit or quota was reached; {@code Retry-After} says when to try again. */
	public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests",
			HttpStatus.TOO_MANY_REQUESTS, "Too many requests");

	/** A service this request depends on cannot answer; nothing was done. */
	public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType("service-unavailable",
			HttpStatus.SERVICE_UNAVAILABLE, "A service is unavailable");

	/** An error in Warden itself; the trace id identifies it in the logs. */
	public static final ProblemType INTERNAL = new ProblemType("internal", HttpStatus.INTERNAL_SERVER_ERROR,
			"Internal error");

	private static final List<ProblemType> ALL = List.of(VALIDATION, MALFORMED_REQUEST, UNAUTHORIZED, FORBIDDEN,
			NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_TIMEOUT, CONFLICT, PAYLOAD_TOO_LARGE,
			UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE, TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE, INTERNAL);

	private ProblemTypes() {
	}

	/**
	 * Returns every platform problem type.
	 * @return the types
	 */
	public static List<ProblemType> all() {
		return ALL;
	}

	/**
	 * Returns the platform problem type for a status that has no more specific type.
	 * @param status an HTTP status code
	 * @return the type
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 408 -> REQUEST_TIMEOUT;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 422 -> UNPROCESSABLE;
			case 429 -> TOO_MANY_REQUESTS;
			case 502, 503, 504 -> SERVICE_UNAVAILABLE;
			default -> (status >= 500) ? INTERNAL : MALFORMED_REQUEST;
		};
	}

}
