package dev.warden.auth.password;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherUnitTests {

	private final PasswordHasher hasher = new PasswordHasher();

	@Test
	void storesPasswordsUpToSeventyTwoBytesAsPlainBcrypt() {
		String hash = this.hasher.hash("correct horse battery staple");

		assertThat(hash).startsWith("$2a$11$");
		assertThat(this.hasher.matches("correct horse battery staple", hash)).isTrue();
		assertThat(this.hasher.matches("correct horse battery stapl", hash)).isFalse();
	}

	@Test
	void neverTruncatesAPasswordLongerThanSeventyTwoBytes() {
		String base = "p".repeat(72);
		String longer = base + "and then some more";
		assertThat(longer.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);

		String hash = this.hasher.hash(longer);

		assertThat(hash).startsWith(PasswordHasher.PRE_HASHED + "$2a$");
		assertThat(this.hasher.matches(longer, hash)).isTrue();
		// Plain bcrypt would have ignored everything after byte 72 and accepted this.
		assertThat(this.hasher.matches(base + "and then something else", hash)).isFalse();
		assertThat(this.hasher.matches(base, hash)).isFalse();
	}

	@Test
	void treatsSixtyFourNonAsciiCharactersAsLong() {
		String password = "ж".repeat(64);
		String hash = this.hasher.hash(password);

		assertThat(hash).startsWith(PasswordHasher.PRE_HASHED);
		assertThat(this.hasher.matches(password, hash)).isTrue();
		assertThat(this.hasher.matches("ж".repeat(63) + "з", hash)).isFalse();
	}

	@Test
	void normalizesUnicodeSoTheSamePasswordTypedDifferentlyMatches() {
		String composed = "caf\u00e9 au lait with cream";
		String decomposed = "cafe\u0301 au lait with cream";

		assertThat(this.hasher.matches(decomposed, this.hasher.hash(composed))).isTrue();
	}

	@Test
	void failsForAMissingUserWithoutThrowing() {
		assertThat(this.hasher.matches("whatever it is that they typed", null)).isFalse();
	}

}
