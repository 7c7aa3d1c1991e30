package dev.warden.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The shape of a Warden API key: {@code wdn_<id>_<secret><checksum>}.
 *
 * <ul>
 * <li>{@code wdn_} says what it is, so secret scanners and people recognise a leaked
 * key;</li>
 * <li>{@code <id>} (12 characters) finds the key's row without revealing anything;</li>
 * <li>{@code <secret>} (32 base-62 characters, about 190 random bits);</li>
 * <li>{@code <checksum>} (6 base-62 characters of CRC-32) rejects typos and random
 * strings without a database look-up.</li>
 * </ul>
 * Only the lookup id and a keyed hash of the whole key are stored.
 */
final class ApiKeyFormat {

	static final String PREFIX = "wdn_";

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int ID_LENGTH = 12;

	private static final int SECRET_LENGTH = 32;

	private static final int CHECKSUM_LENGTH = 6;

	/** The length of every formatted key. */
	static final int LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

	/**
	 * Prefix of the lookup value of keys that are not in this format (seed 000's demo
	 * keys).
	 */
	static final String UNFORMATTED_LOOKUP = "unformatted:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeyFormat() {
	}

	static String generate() {
		String body = PREFIX + random(ID_LENGTH) + "_" + random(SECRET_LENGTH);
		return body + checksum(body);
	}

	/**
	 * Returns the lookup id of a well-formed key.
	 * @param key a key as presented
	 * @return the id, or empty if the key is not in Warden's format or its checksum is
	 * wrong
	 */
	static Optional<String> lookupId(String key) {
		if (key.length() != LENGTH || !key.startsWith(PREFIX) || key.charAt(PREFIX.length() + ID_LENGTH) != '_') {
			return Optional.empty();
		}
		String body = key.substring(0, LENGTH - CHECKSUM_LENGTH);
		String id = key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
		String secret = key.substring(PREFIX.length() + ID_LENGTH + 1, LENGTH - CHECKSUM_LENGTH);
		if (!isBase62(id) || !isBase62(secret) || !checksum(body).equals(key.substring(LENGTH - CHECKSUM_LENGTH))) {
			return Optional.empty();
		}
		return Optional.of(id);
	}

	/**
	 * Returns the lookup value of a key that is not in Warden's format: a prefix of its
	 * keyed hash.
	 * @param keyedHash the key's keyed hash
	 * @return the lookup value
	 */
	static String unformattedLookup(byte[] keyedHash) {
		return UNFORMATTED_LOOKUP + HexFormat.of().formatHex(keyedHash, 0, 12);
	}

	/**
	 * Returns the first characters of a key, enough to recognise it in a list.
	 * @param lookup the stored lookup value
	 * @return for example {@code wdn_3fA9kq2LmZ8x_…}
	 */
	static String hint(String lookup) {
		return lookup.startsWith(UNFORMATTED_LOOKUP) ? "(demo key)" : PREFIX + lookup + "_…";
	}

	private static String random(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return text.toString();
	}

	private static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.US_ASCII));
		long value = crc.getValue();
		char[] digits = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

	private static boolean isBase62(String text) {
		return text.chars().allMatch((c) -> BASE62.indexOf(c) >= 0);
	}

}
