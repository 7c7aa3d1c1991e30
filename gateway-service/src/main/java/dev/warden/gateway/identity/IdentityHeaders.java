package dev.warden.gateway.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request headers that carry identity between proxies and services. A client must never
 * be able to set them: some proxies and frameworks trust them as "the authenticated
 * user". The gateway removes them from every request before anything else looks at it.
 * The API key header is removed too, after it was read: services see JWTs only.
 */
public final class IdentityHeaders {

	/** The header seed 000's clients send their API key in. */
	public static final String API_KEY = "X-API-Key";

	/** Removed whatever follows the prefix. */
	static final List<String> PREFIXES = List.of("x-user-", "x-warden-", "x-auth-", "x-authenticated-");

	/** Removed by exact name. */
	static final Set<String> NAMES = Set.of("x-forwarded-user", "x-remote-user", "remote-user", "x-api-key");

	private IdentityHeaders() {
	}

	/**
	 * Tells whether a client-sent header must be dropped.
	 * @param name the header name, in any case
	 * @return whether to drop it
	 */
	public static boolean isStripped(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (NAMES.contains(lower)) {
			return true;
		}
		for (String prefix : PREFIXES) {
			if (lower.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
