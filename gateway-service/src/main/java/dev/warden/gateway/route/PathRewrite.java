package dev.warden.gateway.route;

/**
 * Replaces the start of a path: {@code /api/ai} → {@code /api/v1/ai} turns
 * {@code /api/ai/explain} into {@code /api/v1/ai/explain}. Works on the raw (still
 * encoded) path, so path variables such as {@code /send-command/{user_id}} pass through
 * byte for byte; the query string is kept by the caller.
 *
 * @param from the public prefix
 * @param to what it becomes
 */
record PathRewrite(String from, String to) {

	String apply(String rawPath) {
		if (!rawPath.startsWith(this.from)) {
			// The route's pattern guarantees the prefix; anything else is a wiring error.
			throw new IllegalStateException("Path " + rawPath + " does not start with " + this.from);
		}
		return this.to + rawPath.substring(this.from.length());
	}

}
