package dev.warden.auth.password;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyUnitTests {

	private final PasswordPolicy policy = new PasswordPolicy(new CommonPasswords());

	@Test
	void acceptsALongPassphraseWithoutAnyCompositionRule() {
		assertThat(this.policy.rejection("purple elephants juggle at dawn", "ada", "ada@example.com")).isEmpty();
		// The famous example is itself on the breached list now.
		assertThat(this.policy.rejection("correct horse battery staple", "ada", "ada@example.com")).isPresent();
		assertThat(this.policy.rejection("alllowercaseletters", "ada", "ada@example.com")).isEmpty();
	}

	@Test
	void acceptsSixtyFourCharactersAndMoreIncludingNonAscii() {
		String sixtyFour = "ünïcødé passphrase ".repeat(4).substring(0, 64);
		assertThat(this.policy.rejection(sixtyFour, "ada", "ada@example.com")).isEmpty();
		assertThat(this.policy.rejection("x".repeat(10) + " " + "long ".repeat(40), "ada", "ada@example.com"))
			.isEmpty();
	}

	@Test
	void refusesShortPasswords() {
		assertThat(this.policy.rejection("fourteen chars", "ada", "ada@example.com"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("at least 15"));
	}

	@Test
	void countsCharactersNotBytes() {
		// 15 characters, 30 bytes in UTF-8.
		assertThat(this.policy.rejection("éééééééééééééé1", "ada", "ada@example.com")).isEmpty();
	}

	@Test
	void refusesCommonPasswordsWhateverTheirCase() {
		assertThat(this.policy.rejection("1qaz2wsx3edc4rfv", "ada", "ada@example.com"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("too common"));
		assertThat(this.policy.rejection("1QAZ2WSX3EDC4RFV", "ada", "ada@example.com")).isPresent();
	}

	@Test
	void refusesRepetitionsAndTheUsersOwnName() {
		assertThat(this.policy.rejection("abcabcabcabcabcabc", "ada", "ada@example.com")).isPresent();
		assertThat(this.policy.rejection("passwordpasswordpassword", "ada", "ada@example.com")).isPresent();
		assertThat(this.policy.rejection("my name is adalovelace!", "adalovelace", "x@example.com")).isPresent();
	}

	@Test
	void refusesAbsurdlyLongInput() {
		assertThat(this.policy.rejection("a b ".repeat(100), "ada", "ada@example.com")).isPresent();
	}

}
