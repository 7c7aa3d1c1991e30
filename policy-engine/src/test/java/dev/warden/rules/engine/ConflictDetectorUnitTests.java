package dev.warden.rules.engine;

import java.time.Duration;
import java.util.List;

import dev.warden.rules.pattern.PatternCompiler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConflictDetectorUnitTests {

	private final ConflictDetector detector = new ConflictDetector(Duration.ofSeconds(5));

	@Test
	void findsAnExactDuplicateEvenWrittenDifferently() {
		CompiledRule existing = TestRules.rule("delete-root", "^rm -rf /$", Action.BLOCK);
		CompiledRule candidate = TestRules.rule("delete-root-2", "^rm -r -f /$", Action.BLOCK);

		List<Conflict> conflicts = this.detector.conflicts(candidate, List.of(existing));

		assertThat(conflicts).singleElement().satisfies((conflict) -> {
			assertThat(conflict.relation()).isEqualTo(Conflict.Relation.EQUAL);
			assertThat(conflict.witness()).isEqualTo("rm -fr /");
		});
	}

	@Test
	void tellsWhichRuleIsNarrowerAndGivesACommandBothMatch() {
		CompiledRule broad = TestRules.rule("any-rm", "^rm( |$)", Action.REQUIRE_APPROVAL);
		CompiledRule narrow = TestRules.rule("rm-root", "^rm -[a-z]*r[a-z]* /$", Action.BLOCK);

		Conflict subsumed = this.detector.conflicts(narrow, List.of(broad)).getFirst();
		Conflict subsumes = this.detector.conflicts(broad, List.of(narrow)).getFirst();

		assertThat(subsumed.relation()).isEqualTo(Conflict.Relation.SUBSUMED_BY);
		assertThat(subsumes.relation()).isEqualTo(Conflict.Relation.SUBSUMES);
		assertThat(subsumed.witness()).isEqualTo("rm -r /");
		assertThat(narrow.pattern().matches(subsumed.witness())).isTrue();
		assertThat(broad.pattern().matches(subsumed.witness())).isTrue();
		assertThat(subsumes.explanation()).contains("stays stricter");
	}

	@Test
	void reportsOverlapsOnlyWhenTheActionsDiffer() {
		CompiledRule curl = TestRules.rule("curl", "^curl ", Action.ALLOW);
		CompiledRule pipe = TestRules.rule("pipe-to-shell", "\\| ?sh$", Action.BLOCK);
		CompiledRule pipeAllowed = TestRules.rule("pipe-ok", "\\| ?sh$", Action.ALLOW);

		assertThat(this.detector.conflicts(pipe, List.of(curl))).singleElement().satisfies((conflict) -> {
			assertThat(conflict.relation()).isEqualTo(Conflict.Relation.OVERLAPS);
			assertThat(curl.pattern().matches(conflict.witness())).isTrue();
			assertThat(pipe.pattern().matches(conflict.witness())).isTrue();
		});
		assertThat(this.detector.conflicts(pipeAllowed, List.of(curl))).isEmpty();
	}

	@Test
	void ignoresRulesThatCannotMeetAndRulesForOtherRoles() {
		CompiledRule shutdown = TestRules.rule("shutdown", "^shutdown", Action.BLOCK);
		CompiledRule reboot = TestRules.rule("reboot", "^reboot", Action.ALLOW);
		CompiledRule forAdmins = TestRules.rule("admins-may-shutdown", "^shutdown", Action.ALLOW, "ADMIN");
		CompiledRule forMembers = TestRules.rule("members-may-not", "^shutdown", Action.BLOCK, "MEMBER");

		assertThat(this.detector.conflicts(reboot, List.of(shutdown))).isEmpty();
		assertThat(this.detector.conflicts(forAdmins, List.of(forMembers))).isEmpty();
		assertThat(this.detector.conflicts(forAdmins, List.of(shutdown))).isNotEmpty();
	}

	@Test
	void writesControlCharactersOfAWitnessAsEscapesWhenNoReadableOneExists() {
		CompiledRule bell = TestRules.rule("bell", "^echo \\x07$", Action.BLOCK);
		CompiledRule anything = TestRules.rule("echo-one", "^echo .$", Action.ALLOW);

		assertThat(this.detector.conflicts(bell, List.of(anything))).singleElement()
			.satisfies((conflict) -> assertThat(conflict.witness()).isEqualTo("echo \\x07"));
	}

	@Test
	void listsDuplicatesAndInclusionsBeforeOverlaps() {
		CompiledRule toOrigin = TestRules.rule("to-origin", " origin$", Action.ALLOW);
		CompiledRule anyPush = TestRules.rule("any-push", "^git push", Action.REQUIRE_APPROVAL);
		CompiledRule forcePush = TestRules.rule("force-push", "^git push -f", Action.BLOCK);

		assertThat(this.detector.conflicts(forcePush, List.of(toOrigin, anyPush)))
			.extracting(Conflict::ruleName, Conflict::relation)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("any-push", Conflict.Relation.SUBSUMED_BY),
					org.assertj.core.groups.Tuple.tuple("to-origin", Conflict.Relation.OVERLAPS));
	}

	@Test
	void givesUpWithinItsBudgetInsteadOfHanging() {
		CompiledRule broad = new CompiledRule(java.util.UUID.randomUUID(), "broad",
				PatternCompiler.compile("(a|b)*a(a|b){8}"), Action.BLOCK, java.util.Set.of(), 1, 1);
		List<CompiledRule> many = java.util.stream.IntStream.range(0, 500)
			.mapToObj((i) -> TestRules.rule("r" + i, "(a|b)*b(a|b){" + (i % 6) + "}", Action.ALLOW))
			.toList();

		assertThatExceptionOfType(ConflictDetector.AnalysisTooComplexException.class)
			.isThrownBy(() -> new ConflictDetector(Duration.ofMillis(1)).conflicts(broad, many))
			.withMessageContaining("took longer than 1 ms");
	}

}
