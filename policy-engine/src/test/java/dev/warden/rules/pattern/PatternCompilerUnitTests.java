package dev.warden.rules.pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PatternCompilerUnitTests {

	@Test
	void matchesAnywhereInTheTextUnlessAnchored() {
		CompiledPattern anywhere = PatternCompiler.compile("rm -rf /");
		CompiledPattern anchored = PatternCompiler.compile("^shutdown$");

		assertThat(anywhere.matches("sudo rm -fr / now")).isTrue();
		assertThat(anywhere.matches("rm -r /tmp")).isFalse();
		assertThat(anchored.matches("shutdown")).isTrue();
		assertThat(anchored.matches("shutdown now")).isFalse();
		assertThat(anchored.matches("echo shutdown")).isFalse();
	}

	@Test
	void allowsAnchorsInsideGroups() {
		CompiledPattern word = PatternCompiler.compile("(^| )rm( |$)");

		assertThat(word.matches("rm")).isTrue();
		assertThat(word.matches("sudo rm x")).isTrue();
		assertThat(word.matches("rmdir x")).isFalse();
		CompiledPattern inner = PatternCompiler.compile("sudo\\b.*\\brm\\b");
		assertThat(inner.matches("sudo -u x rm -f")).isTrue();
		assertThat(inner.matches("sudo rmdir x")).isFalse();
		assertThat(inner.matches("sudoers rm")).isFalse();
		assertThat(PatternCompiler.compile("x[^y]").matches("x")).as("classes never match the sentinels").isFalse();
		assertThat(PatternCompiler.compile("^a").matches("\u0002a")).as("a sentinel in the text is no anchor")
			.isFalse();
	}

	@Test
	void supportsTheUsualSyntax() {
		assertThat(PatternCompiler.compile("\\bdd\\s+if=/dev/(zero|random)\\b").matches("dd if=/dev/zero of=x"))
			.isTrue();
		assertThat(PatternCompiler.compile("\\bdd\\b").matches("add user")).isFalse();
		assertThat(PatternCompiler.compile("\\bdd\\b").matches("x;dd")).isTrue();
		assertThat(PatternCompiler.compile("^mkfs(\\.[a-z0-9]+)?\\b").matches("mkfs.ext4 /dev/sda1")).isTrue();
		assertThat(PatternCompiler.compile("chmod [0-7]{3,4} /etc/[[:alpha:]]+").matches("chmod 777 /etc/passwd"))
			.isTrue();
		assertThat(PatternCompiler.compile("(?i)^SHUTDOWN").matches("shutdown -h now")).isTrue();
		assertThat(PatternCompiler.compile("a.c").matches("a\nc")).isFalse();
		assertThat(PatternCompiler.compile("\\x41\\x{42}").matches("AB")).isTrue();
	}

	@Test
	void canonicalizesShortOptionsInPatternsAsInCommands() {
		for (String rule : new String[] { "^rm -rf /$", "^rm -fr /$", "^rm -r -f /$", "^rm\\s+-r\\s+-f\\s+/$" }) {
			assertThat(PatternCompiler.compile(rule).matches("rm -fr /")).as(rule).isTrue();
		}
	}

	@Test
	void namesThePositionOfASyntaxError() {
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("rm (-rf"))
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(3));
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("a[b-"))
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(1));
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("(a)\\1"))
			.withMessageContaining("Backreferences")
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(3));
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("a(?=b)"))
			.withMessageContaining("Lookahead");
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("*a"))
			.withMessageContaining("Nothing to repeat");
		assertThatExceptionOfType(PatternSyntaxException.class).isThrownBy(() -> PatternCompiler.compile("a{2,1}"));
		assertThatExceptionOfType(PatternSyntaxException.class)
			.isThrownBy(() -> PatternCompiler.compile("x".repeat(1001)));
	}

	@Test
	void refusesWhatCannotBeBuiltInBoundedTime() {
		assertThatExceptionOfType(PatternTooComplexException.class)
			.isThrownBy(() -> PatternCompiler.compile("(a|b)*a(a|b){25}"));
		assertThatExceptionOfType(PatternTooComplexException.class)
			.isThrownBy(() -> PatternCompiler.compile("((a{1000}){1000}){1000}"));
	}

	@Test
	void compilesReDoSShapesIntoSmallAutomata() {
		CompiledPattern nested = PatternCompiler.compile("^(.*a){12}$");
		CompiledPattern stars = PatternCompiler.compile("^.*.*=.*;$");

		assertThat(nested.states()).isLessThan(200);
		assertThat(nested.matches("a".repeat(4096))).isTrue();
		assertThat(nested.matches("b".repeat(4096))).isFalse();
		assertThat(stars.matches("=".repeat(4096) + "x")).isFalse();
	}

	@Test
	void extractsLiteralAtomsForThePrefilter() {
		assertThat(PatternCompiler.compile("\\brm\\s+-rf\\b").atoms()).containsExactly("-fr");
		assertThat(PatternCompiler.compile("curl .* \\| *(ba)?sh").atoms()).isNotEmpty();
		assertThat(PatternCompiler.compile("(?i)MKFS").atoms()).containsExactly("mkfs");
		assertThat(PatternCompiler.compile("shutdown|reboot|halt").atoms()).containsExactlyInAnyOrder("shutdown",
				"reboot", "halt");
		assertThat(PatternCompiler.compile(".*").atoms()).isEmpty();
	}

}
