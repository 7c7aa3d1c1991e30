package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Page cursors. A cursor is the sequence of the last record of a page, wrapped so that
 * clients treat it as opaque: the order (by sequence, newest first) could gain a
 * tie-breaker later without breaking them. Sequences are assigned under the chain lock
 * and committed in order, and records are never changed, so pages neither skip nor repeat
 * a record, even while records are being added.
 */
final class Cursors {

	private static final String PREFIX = "s1:";

	private Cursors() {
	}

	static String encode(long sequence) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + sequence).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Reads a cursor.
	 * @param cursor as the client sent it
	 * @return the sequence the next page starts below, or {@code null} if the cursor is
	 * not one this class made
	 */
	static @Nullable Long decode(String cursor) {
		try {
			String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
			if (!plain.startsWith(PREFIX)) {
				return null;
			}
			long sequence = Long.parseLong(plain.substring(PREFIX.length()));
			return (sequence >= 1) ? sequence : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
