package dev.warden.auth.password;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;

import org.springframework.stereotype.Component;

/**
 * The blocklist of common passwords: the 100,000 most common passwords from breaches that
 * the nbvcxz library ships as its {@code passwords} dictionary, compared without regard
 * to case.
 */
@Component
public class CommonPasswords {

	private final Set<String> passwords;

	CommonPasswords() {
		this.passwords = ConfigurationBuilder.getDefaultDictionaries()
			.stream()
			.filter((dictionary) -> "passwords".equals(dictionary.getDictionaryName()))
			.map(Dictionary::getDictonary)
			.flatMap((entries) -> entries.keySet().stream())
			.map((password) -> password.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		if (this.passwords.size() < 10_000) {
			throw new IllegalStateException("The common-password list did not load");
		}
	}

	/**
	 * Tells whether a password is common.
	 * @param lowerCasePassword the password in lower case
	 * @return whether it is on the list
	 */
	boolean contains(String lowerCasePassword) {
		return this.passwords.contains(lowerCasePassword);
	}

	/**
	 * Returns the size of the list.
	 * @return how many passwords it holds
	 */
	int size() {
		return this.passwords.size();
	}

}
