package dev.warden.auth.password;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import dev.warden.platform.problem.FieldError;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

import org.springframework.stereotype.Component;

/**
 * Decides whether a password may be used, following NIST SP 800-63B-4: at least 15
 * characters, any characters allowed (no rules about digits or symbols), at least 64
 * accepted, and none that is common or is the user's own name or email.
 */
@Component
public class PasswordPolicy {

	/** The shortest password accepted. */
	public static final int MIN_LENGTH = 15;

	/**
	 * The longest password accepted; long enough for passphrases, short enough to hash
	 * cheaply.
	 */
	public static final int MAX_LENGTH = 256;

	private final CommonPasswords commonPasswords;

	PasswordPolicy(CommonPasswords commonPasswords) {
		this.commonPasswords = commonPasswords;
	}

	/**
	 * Returns why a password may not be used, if it may not.
	 * @param password the password
	 * @param username the user's name
	 * @param email the user's email
	 * @return the reason, or empty if the password is fine
	 */
	public Optional<String> rejection(String password, String username, String email) {
		String normalized = normalize(password);
		int length = normalized.codePointCount(0, normalized.length());
		if (length < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters long; a few words make a good one");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("must be at most " + MAX_LENGTH + " characters long");
		}
		String lower = normalized.toLowerCase(Locale.ROOT);
		if (this.commonPasswords.contains(lower)) {
			return Optional.of("is too common; attackers try it first");
		}
		if (lower.contains(username.toLowerCase(Locale.ROOT))
				|| lower.contains(email.toLowerCase(Locale.ROOT).split("@", 2)[0]) && email.indexOf('@') > 3) {
			return Optional.of("must not contain your username or email");
		}
		if (isRepetition(lower)) {
			return Optional.of("is one short piece repeated; attackers try those early");
		}
		return Optional.empty();
	}

	private boolean isRepetition(String password) {
		// "abcabcabcabcabc", "passwordpassword", "zzzzzzzzzzzzzzz": a unit of up to half
		// the length, repeated.
		for (int unit = 1; unit <= password.length() / 2; unit++) {
			if (password.length() % unit == 0
					&& password.substring(unit).equals(password.substring(0, password.length() - unit))) {
				return unit < 8 || this.commonPasswords.contains(password.substring(0, unit));
			}
		}
		return false;
	}

	/**
	 * Refuses a password that may not be used, with a validation problem naming the
	 * field.
	 * @param password the password
	 * @param username the user's name
	 * @param email the user's email
	 * @throws ProblemException (400) when the password may not be used
	 */
	public void requireAcceptable(String password, String username, String email) {
		rejection(password, username, email).ifPresent((reason) -> {
			throw new ProblemException(ProblemTypes.VALIDATION, "The password " + reason + ".").with("errors",
					java.util.List.of(new FieldError("password", reason)));
		});
	}

	/**
	 * Normalizes a password as NIST recommends (Unicode NFKC), so that the same password
	 * typed on different keyboards gives the same hash.
	 * @param password the password as entered
	 * @return the normalized password
	 */
	public static String normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

}
