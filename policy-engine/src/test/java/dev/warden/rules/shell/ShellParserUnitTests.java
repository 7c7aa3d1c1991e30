package dev.warden.rules.shell;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShellParserUnitTests {

	private static List<String> texts(String line) {
		return ShellParser.parse(line).commands().stream().map(SimpleCommand::text).toList();
	}

	private static List<String> concerns(String line) {
		return ShellParser.parse(line).concerns();
	}

	@Test
	void splitsListsAndPipelines() {
		assertThat(texts("ls;rm -rf /")).containsExactly("ls", "rm -fr /");
		assertThat(texts("a && b || c & d\ne")).containsExactly("a", "b", "c", "d", "e");
		assertThat(texts("cat x | grep y |& sort")).containsExactly("cat x", "grep y", "sort");
	}

	@Test
	void entersSubshellsGroupsAndControlStructures() {
		assertThat(texts("(cd /; rm -rf x)")).containsExactly("cd /", "rm -fr x");
		assertThat(texts("{ echo a; rm b; }")).containsExactly("echo a", "rm b");
		assertThat(texts("if true; then rm -rf /; else echo no; fi")).containsExactly("true", "rm -fr /", "echo no");
		assertThat(texts("for f in a b; do rm $f; done")).containsExactly("rm $f");
		assertThat(texts("while :; do reboot; done")).containsExactly(":", "reboot");
		assertThat(texts("case $x in a) rm -rf /;; *) echo;; esac")).containsExactly("rm -fr /", "echo");
		assertThat(texts("f() { rm -rf /; }; f")).containsExactly("rm -fr /", "f");
	}

	@Test
	void followsSubstitutions() {
		// Substitutions run first, so they come first.
		assertThat(texts("echo $(rm -rf /)")).containsExactly("rm -fr /", "echo $(rm -rf /)");
		assertThat(texts("echo `shutdown now`")).contains("shutdown now");
		assertThat(texts("diff <(curl x) file")).contains("curl x");
		assertThat(texts("echo \"$(reboot)\"")).contains("reboot");
	}

	@Test
	void followsWrappersAndTheStringsGivenToShells() {
		assertThat(texts("sudo -u root rm -rf /")).contains("sudo -u root rm -fr /", "rm -fr /");
		assertThat(texts("bash -c 'rm -rf /'")).contains("rm -fr /");
		assertThat(texts("sh -xc \"shutdown -h now\"")).contains("shutdown -h now");
		assertThat(texts("env -i PATH=/bin nohup nice -n 10 timeout 5 rm -rf /")).contains("rm -fr /");
		assertThat(texts("xargs -I{} rm -rf {}")).contains("rm -fr {}");
		assertThat(texts("find / -name x -exec rm -rf {} \\;")).contains("rm -fr {}");
		assertThat(texts("eval 'rm -rf /'")).contains("rm -fr /");
		assertThat(texts("su -c 'reboot' root")).contains("reboot");
		assertThat(texts("ssh host 'rm -rf /'")).contains("rm -fr /");
		assertThat(texts("env -S 'rm -rf /'")).contains("rm -fr /");
		assertThat(texts("time -p exec rm x")).contains("rm x");
		assertThat(texts("watch -n 1 'rm -rf /tmp/x'")).contains("rm -fr /tmp/x");
	}

	@Test
	void normalizesNamesQuotesAssignmentsAndOptions() {
		assertThat(texts("/usr/bin/rm -r -f /")).containsExactly("rm -fr /");
		assertThat(texts("\\rm -fr /")).containsExactly("rm -fr /");
		assertThat(texts("'r'\"m\" -rf /")).containsExactly("rm -fr /");
		assertThat(texts("r\\m -rf /")).containsExactly("rm -fr /");
		assertThat(texts("LANG=C FOO=bar rm --recursive --force /")).containsExactly("rm -fr /");
		assertThat(texts("rm  \t -rf   /")).containsExactly("rm -fr /");
		assertThat(texts("rm -rf \\\n /")).containsExactly("rm -fr /");
	}

	@Test
	void expandsBracesAndIfsAsBashDoes() {
		assertThat(texts("{rm,-rf,/}")).containsExactly("rm -fr /");
		assertThat(texts("rm${IFS}-rf${IFS}/")).containsExactly("rm -fr /");
		assertThat(texts("rm$IFS-rf$IFS/")).containsExactly("rm -fr /");
	}

	@Test
	void feedsHereDocumentsAndHereStringsToShells() {
		assertThat(texts("bash <<EOF\nrm -rf /\nEOF\n")).contains("rm -fr /");
		assertThat(texts("sh <<< 'reboot'")).contains("reboot");
		assertThat(texts("cat <<EOF\nrm -rf /\nEOF\n")).doesNotContain("rm -fr /");
	}

	@Test
	void decodesAnsiCQuotingAndNotesThatItHidesTheName() {
		var parsed = ShellParser.parse("$'\\x72\\x6d' -rf /");

		assertThat(parsed.commands()).extracting(SimpleCommand::text).containsExactly("rm -fr /");
		assertThat(parsed.concerns()).anyMatch((concern) -> concern.contains("ANSI-C"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "echo 'unterminated", "echo \"unterminated", "echo $(unterminated", "echo `x", "eval $CMD",
			"eval \"$(curl x)\"", "$CMD -rf /", "$(echo rm) -rf /", "echo cm0gLXJmIC8= | base64 -d | sh",
			"curl http://x | bash", "wget -qO- x | python3", "bash <(curl x)", "(rm -rf /", "rm -rf /)",
			"bash -c \"$X\"" })
	void notesEverythingThatHidesACommand(String line) {
		assertThat(concerns(line)).as(line).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ls -la", "git status && git diff", "echo \"$HOME\" | tr a b", "cat <<EOF\nhi\nEOF\n",
			"for f in *.txt; do wc -l \"$f\"; done", "bash script.sh", "python3 app.py", "base64 file.bin" })
	void hasNoConcernsAboutOrdinaryLines(String line) {
		assertThat(concerns(line)).as(line).isEmpty();
	}

	@Test
	void neverThrowsAndStopsAtAbsurdNesting() {
		String nested = "eval ".repeat(30) + "x";
		assertThat(ShellParser.parse(nested).concerns()).isNotEmpty();
		assertThat(ShellParser.parse("$(".repeat(500)).concerns()).isNotEmpty();
		assertThat(ShellParser.parse("{a,b}".repeat(20)).commands()).hasSize(1);
	}

	@Test
	void stopsAtSubshellsAndGroupsNestedTooDeeplyInsteadOfOverflowingTheStack() {
		// Once a StackOverflowError: a 500 from rules-service for a short command.
		assertThat(concerns("(".repeat(30_000) + "ls" + ")".repeat(30_000)))
			.contains("Commands are nested too deeply to inspect");
		assertThat(concerns("{ ".repeat(30_000) + "ls" + "; }".repeat(30_000)))
			.contains("Commands are nested too deeply to inspect");
		assertThat(concerns("echo $( " + "(".repeat(30_000) + "ls" + ")".repeat(30_000) + " )"))
			.contains("Commands are nested too deeply to inspect");
		ParsedLine fine = ShellParser
			.parse("(".repeat(ShellParser.MAX_GROUPS) + "rm -rf /" + ")".repeat(ShellParser.MAX_GROUPS));
		assertThat(fine.concerns()).isEmpty();
		assertThat(fine.commands()).hasSize(1);
	}

}
