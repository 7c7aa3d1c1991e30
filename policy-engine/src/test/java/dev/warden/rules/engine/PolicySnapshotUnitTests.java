package dev.warden.rules.engine;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicySnapshotUnitTests {

	private final PolicySnapshot snapshot = new PolicySnapshot(List.of(TestRules.rule("ls", "^ls( |$)", Action.ALLOW),
			TestRules.rule("git-status", "^git status$", Action.ALLOW),
			TestRules.rule("rm", "^rm ", Action.REQUIRE_APPROVAL),
			TestRules.rule("rm-root", "^rm -[a-z]*r[a-z]* /$", Action.BLOCK),
			TestRules.rule("admins-reboot", "^reboot$", Action.ALLOW, "ADMIN")), 7, Action.REQUIRE_APPROVAL, 1);

	@Test
	void allowsWhatEveryCommandOfTheLineIsAllowedToDo() {
		Evaluation evaluation = this.snapshot.evaluate("ls -la && git status", Set.of("MEMBER"));

		assertThat(evaluation.decision()).isEqualTo(Action.ALLOW);
		assertThat(evaluation.cost()).isEqualTo(2);
		assertThat(evaluation.policyVersion()).isEqualTo(7);
		assertThat(evaluation.explanation()).startsWith("Allowed: rule 'ls' matched `ls -al`");
	}

	@Test
	void takesTheMostRestrictiveOutcome() {
		Evaluation evaluation = this.snapshot.evaluate("ls; rm -rf /", Set.of("MEMBER"));

		assertThat(evaluation.decision()).isEqualTo(Action.BLOCK);
		assertThat(evaluation.matches()).extracting(Evaluation.Match::ruleName).contains("ls", "rm", "rm-root");
		assertThat(evaluation.explanation()).contains("rule 'rm-root' matched `rm -fr /`");
	}

	@Test
	void appliesTheDefaultToACommandNoRuleMatchesEvenNextToAnAllowedOne() {
		Evaluation evaluation = this.snapshot.evaluate("ls; curl http://example.com", Set.of("MEMBER"));

		assertThat(evaluation.decision()).isEqualTo(Action.REQUIRE_APPROVAL);
		assertThat(evaluation.commands()).filteredOn(Evaluation.Segment::defaulted)
			.extracting(Evaluation.Segment::text)
			.containsExactly("curl http://example.com");
		assertThat(evaluation.explanation()).contains("no rule matched `curl http://example.com`");
	}

	@Test
	void honoursTheRolesARuleAppliesTo() {
		assertThat(this.snapshot.evaluate("reboot", Set.of("ADMIN")).decision()).isEqualTo(Action.ALLOW);
		assertThat(this.snapshot.evaluate("reboot", Set.of("MEMBER")).decision()).isEqualTo(Action.REQUIRE_APPROVAL);
	}

	@Test
	void neverAllowsALineThatHidesWhatItRuns() {
		for (String line : List.of("ls; eval $X", "ls 'unterminated", "$(echo ls)", "ls | sh")) {
			Evaluation evaluation = this.snapshot.evaluate(line, Set.of("MEMBER"));
			assertThat(evaluation.decision()).as(line).isNotEqualTo(Action.ALLOW);
			assertThat(evaluation.concerns()).as(line).isNotEmpty();
		}
	}

	@Test
	void matchesRulesAgainstTheWholeLineToo() {
		PolicySnapshot withLineRule = new PolicySnapshot(List.of(TestRules.rule("ls", "^ls( |$)", Action.ALLOW),
				TestRules.rule("redirect-to-etc", "> ?/etc/", Action.BLOCK)), 1, Action.REQUIRE_APPROVAL, 1);

		Evaluation evaluation = withLineRule.evaluate("ls > /etc/motd", Set.of());

		assertThat(evaluation.decision()).isEqualTo(Action.BLOCK);
		assertThat(evaluation.matches()).anySatisfy((match) -> {
			assertThat(match.scope()).isEqualTo("line");
			assertThat(match.ruleName()).isEqualTo("redirect-to-etc");
		});
	}

	@Test
	void usesTheConfiguredDefault() {
		PolicySnapshot permissive = new PolicySnapshot(List.of(), 1, Action.ALLOW, 3);

		Evaluation evaluation = permissive.evaluate("make build", Set.of());

		assertThat(evaluation.decision()).isEqualTo(Action.ALLOW);
		assertThat(evaluation.cost()).isEqualTo(3);
	}

}
