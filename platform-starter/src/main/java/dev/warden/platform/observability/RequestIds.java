package dev.warden.platform.observability;

import java.util.regex.Pattern;

import dev.warden.contracts.EventIds;
import org.jspecify.annotations.Nullable;

/** The request id: taken from the caller when it is well-formed, otherwise made up. */
public final class RequestIds {

	/** The header that carries the request id in and out. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key under which logs show the request id. */
	public static final String MDC_KEY = "requestId";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	/**
	 * Returns the caller's id if it is safe to log and echo, or a new one.
	 * @param offered the header's value
	 * @return the id to use
	 */
	public static String accept(@Nullable String offered) {
		return (offered != null && ACCEPTED.matcher(offered).matches()) ? offered : EventIds.next().toString();
	}

}
