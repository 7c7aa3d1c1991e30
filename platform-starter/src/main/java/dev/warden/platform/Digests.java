package dev.warden.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text, for the places that keep or compare a fingerprint instead of the value
 * itself (API keys, cached tokens, approved commands, client secrets).
 */
public final class Digests {

	private Digests() {
	}

	/**
	 * The SHA-256 of a string's UTF-8 bytes.
	 * @param value the text
	 * @return the 32-byte digest
	 */
	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/**
	 * The SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits.
	 * @param value the text
	 * @return the digest in hex
	 */
	public static String sha256Hex(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

}
