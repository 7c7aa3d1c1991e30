package dev.warden.rules.fuzz;

import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.rules.engine.Action;
import dev.warden.rules.engine.Evaluation;
import dev.warden.rules.engine.PolicySnapshot;
import dev.warden.rules.pattern.CompiledPattern;
import dev.warden.rules.pattern.PatternCompiler;
import dev.warden.rules.pattern.PatternSyntaxException;
import dev.warden.rules.pattern.PatternTooComplexException;
import dev.warden.rules.shell.ParsedLine;
import dev.warden.rules.shell.ShellParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for the two parsers that read untrusted input. In the normal build they
 * run in regression mode: the seed inputs under {@code src/test/resources} and every
 * crash ever found.
 * {@code JAZZER_FUZZ=1 ./mvnw -pl policy-engine test -Dtest=ParserFuzzTests} fuzzes for
 * real.
 */
class ParserFuzzTests {

	private static final PolicySnapshot EMPTY = new PolicySnapshot(java.util.List.of(), 1, Action.REQUIRE_APPROVAL, 1);

	@FuzzTest(maxDuration = "30s")
	void commandLinesNeverCrashTheReader(FuzzedDataProvider data) {
		String line = data.consumeRemainingAsString();
		ParsedLine parsed = ShellParser.parse(line);
		assertThat(parsed.commands().size()).isLessThanOrEqualTo(2000);
		Evaluation evaluation = EMPTY.evaluate(line, Set.of());
		// With no rules, nothing may come out allowed.
		assertThat(evaluation.decision()).isNotEqualTo(Action.ALLOW);
	}

	@FuzzTest(maxDuration = "30s")
	void patternsCompileOrFailCleanly(FuzzedDataProvider data) {
		String pattern = data.consumeString(200);
		String text = data.consumeRemainingAsString();
		CompiledPattern compiled;
		try {
			compiled = PatternCompiler.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			assertThat(ex.position()).isBetween(0, Math.max(0, pattern.length()));
			return;
		}
		catch (PatternTooComplexException ex) {
			return;
		}
		compiled.matches(text);
	}

}
