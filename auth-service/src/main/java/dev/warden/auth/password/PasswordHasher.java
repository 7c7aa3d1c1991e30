package dev.warden.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes passwords with bcrypt ({@code $2a$}, cost 11), the format PostgreSQL's pgcrypto
 * {@code crypt()} verifies, so seed 002's sign-in query works against the stored hash.
 *
 * <p>
 * bcrypt reads at most 72 bytes. Passwords whose UTF-8 form fits are hashed as they are.
 * Longer ones (NIST asks that 64 characters be accepted, and 64 non-ASCII characters can
 * take 256 bytes) are first reduced to the Base64 of their SHA-256 digest, and the stored
 * hash says so with the prefix {@value #PRE_HASHED}. Nothing is ever silently cut off;
 * the price is that pgcrypto cannot verify those long passwords on its own.
 */
@Component
public class PasswordHasher {

	/** Marks a hash of a pre-hashed (longer than 72 bytes) password. */
	public static final String PRE_HASHED = "{sha256}";

	/** bcrypt's input limit. */
	public static final int BCRYPT_MAX_BYTES = 72;

	private static final int COST = 11;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2A,
			COST);

	/**
	 * A hash to verify against when there is no user, so that "no such user" takes as
	 * long.
	 */
	private final String decoy = this.bcrypt.encode("decoy password that nobody has");

	/**
	 * Hashes a password.
	 * @param password the password as entered
	 * @return the hash to store
	 */
	public String hash(String password) {
		String normalized = PasswordPolicy.normalize(password);
		if (fitsBcrypt(normalized)) {
			return this.bcrypt.encode(normalized);
		}
		return PRE_HASHED + this.bcrypt.encode(preHash(normalized));
	}

	/**
	 * Checks a password against a stored hash.
	 * @param password the password as entered
	 * @param hash the stored hash, or {@code null} when there is no user or no password;
	 * the check then takes as long as a real one and fails
	 * @return whether the password matches
	 */
	public boolean matches(String password, @Nullable String hash) {
		String normalized = PasswordPolicy.normalize(password);
		if (hash == null) {
			this.bcrypt.matches(fitsBcrypt(normalized) ? normalized : preHash(normalized), this.decoy);
			return false;
		}
		if (hash.startsWith(PRE_HASHED)) {
			return this.bcrypt.matches(preHash(normalized), hash.substring(PRE_HASHED.length()));
		}
		return fitsBcrypt(normalized) && this.bcrypt.matches(normalized, hash);
	}

	private static boolean fitsBcrypt(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES;
	}

	private static String preHash(String password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
