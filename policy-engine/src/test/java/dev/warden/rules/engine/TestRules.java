package dev.warden.rules.engine;

import java.util.Set;
import java.util.UUID;

import dev.warden.rules.pattern.PatternCompiler;

/** Builds compiled rules for tests. */
final class TestRules {

	private TestRules() {
	}

	static CompiledRule rule(String name, String pattern, Action action, String... roles) {
		return new CompiledRule(UUID.randomUUID(), name, PatternCompiler.compile(pattern), action, Set.of(roles), 1, 1);
	}

}
