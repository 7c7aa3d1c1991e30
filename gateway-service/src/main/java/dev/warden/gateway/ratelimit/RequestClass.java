package dev.warden.gateway.ratelimit;

import java.util.Locale;

/** What a request counts against. */
enum RequestClass {

	/** Everything authenticated that is not {@link #AUTH} or {@link #AI}. */
	GENERAL,

	/** Sign-in, registration, token and refresh endpoints. */
	AUTH,

	/** The AI endpoints ({@code /api/v1/ai/**}). */
	AI;

	/**
	 * Classifies a request path (as the gateway received it, aliases included).
	 * <p>
	 * {@code /v1/chat/completions} (and its alias {@code /api/v1/chat/completions}) is
	 * GENERAL: llm-proxy-service meters it by tokens against the user's budget, which is
	 * the limit that matters for cost; counting it as AI too would cap a Free user at ten
	 * chat calls a day, whatever their size.
	 * @param path the request path, without the context path
	 * @return the class
	 */
	static RequestClass of(String path) {
		if (under(path, "/api/v1/auth") || under(path, "/api/auth") || path.equals("/register")
				|| path.equals("/token")) {
			return AUTH;
		}
		if (under(path, "/api/v1/ai") || under(path, "/api/ai")) {
			return AI;
		}
		return GENERAL;
	}

	/**
	 * The name used in configuration and in Redis keys.
	 * @return for example {@code general}
	 */
	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	private static boolean under(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
