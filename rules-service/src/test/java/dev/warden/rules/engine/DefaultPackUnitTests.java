package dev.warden.rules.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.warden.rules.rule.RulePack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the default pack catches its examples and lets its counter-examples
 * through.
 */
class DefaultPackUnitTests {

	private static final PolicySnapshot PACK = Packs.defaultPack();

	@Test
	void hasAtLeastTwentyFiveRulesWithExamples() {
		List<RulePack.Rule> rules = RulePack.loadDefault().rules();
		assertThat(rules).hasSizeGreaterThanOrEqualTo(25);
		assertThat(rules).allSatisfy((rule) -> {
			assertThat(rule.examples()).as(rule.name()).isNotNull();
			assertThat(rule.examples().match()).as(rule.name()).isNotEmpty();
			assertThat(rule.examples().noMatch()).as(rule.name()).isNotEmpty();
		});
		assertThat(rules).extracting(RulePack.Rule::name).doesNotHaveDuplicates();
	}

	@TestFactory
	Stream<DynamicTest> everyRuleMatchesWhatItMust() {
		return RulePack.loadDefault()
			.rules()
			.stream()
			.flatMap((rule) -> rule.examples()
				.match()
				.stream()
				.map((command) -> DynamicTest.dynamicTest(rule.name() + " catches " + command,
						() -> assertThat(ruleNames(command)).as(command).contains(rule.name()))));
	}

	@TestFactory
	Stream<DynamicTest> everyRuleLetsThroughWhatItMust() {
		return RulePack.loadDefault()
			.rules()
			.stream()
			.flatMap((rule) -> rule.examples()
				.noMatch()
				.stream()
				.map((command) -> DynamicTest.dynamicTest(rule.name() + " lets through " + command,
						() -> assertThat(ruleNames(command)).as(command).doesNotContain(rule.name()))));
	}

	/**
	 * The pack's own rules conflict with one another (overlaps the stricter rule
	 * settles); each such conflict's witness must be a readable command that both rules
	 * match, since importing the pack stores it in the history and shows it to admins.
	 */
	@Test
	void conflictsWithinThePackHaveReadableWitnessesBothRulesMatch() {
		ConflictDetector detector = new ConflictDetector(java.time.Duration.ofSeconds(10));
		List<CompiledRule> rules = PACK.rules();
		int conflicts = 0;
		for (CompiledRule rule : rules) {
			for (Conflict conflict : detector.conflicts(rule, rules)) {
				conflicts++;
				CompiledRule other = rules.stream().filter((r) -> r.id().equals(conflict.ruleId())).findFirst().get();
				assertThat(conflict.witness()).as("%s vs %s", rule.name(), other.name())
					.doesNotContainPattern("[\\x00-\\x1f\\x7f]")
					.doesNotContain("\\x");
				assertThat(rule.pattern().matches(conflict.witness())).as(conflict.witness()).isTrue();
				assertThat(other.pattern().matches(conflict.witness())).as(conflict.witness()).isTrue();
			}
		}
		assertThat(conflicts).isPositive();
	}

	private static List<String> ruleNames(String command) {
		return PACK.evaluate(command, Set.of("MEMBER")).matches().stream().map(Evaluation.Match::ruleName).toList();
	}

}
