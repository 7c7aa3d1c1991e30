package dev.warden.benchmarks;

import java.util.List;
import java.util.regex.Pattern;

import com.gliwka.hyperscan.wrapper.Database;
import com.gliwka.hyperscan.wrapper.Scanner;
import org.junit.jupiter.api.Test;

import dev.warden.rules.engine.PolicySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A differential test of the policy engine: on the benchmark's rules and commands, Warden
 * reports exactly the rules java.util.regex and Hyperscan report. It also keeps the
 * benchmark honest, since the benchmark refuses to run on engines that disagree.
 */
class EnginesAgreementTests {

	@Test
	void wardenJavaRegexAndHyperscanReportTheSameRules() throws Exception {
		List<String> patterns = RuleCorpus.patterns(2000);
		List<String> commands = RuleCorpus.commands(2000, 400);
		PolicySnapshot warden = Engines.warden(patterns);
		List<Pattern> regex = Engines.javaRegex(patterns);
		try (Database database = Engines.hyperscan(patterns); Scanner scanner = new Scanner()) {
			scanner.allocScratch(database);

			int matches = Engines.requireAgreement(commands, warden, regex, scanner, database);

			// Every even command was built to match a rule; the odd ones match none.
			assertThat(matches).isGreaterThanOrEqualTo(200);
		}
	}

	@Test
	void theCheckCatchesEnginesThatDisagree() throws Exception {
		List<String> patterns = RuleCorpus.patterns(50);
		List<String> commands = RuleCorpus.commands(50, 10);
		PolicySnapshot warden = Engines.warden(patterns);
		List<Pattern> shifted = Engines.javaRegex(RuleCorpus.patterns(51).subList(1, 51));
		try (Database database = Engines.hyperscan(patterns); Scanner scanner = new Scanner()) {
			scanner.allocScratch(database);

			assertThatIllegalStateException()
				.isThrownBy(() -> Engines.requireAgreement(commands, warden, shifted, scanner, database))
				.withMessageContaining("Engines disagree");
		}
	}

	@Test
	void everyCommandOfTheCorpusIsDistinctAndEveryPatternUnique() {
		assertThat(RuleCorpus.patterns(10_000)).doesNotHaveDuplicates();
		assertThat(RuleCorpus.commands(10_000, 64)).doesNotHaveDuplicates();
	}

}
