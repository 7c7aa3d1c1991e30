package dev.warden.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.warden.rules.pattern.PatternCompiler;
import dev.warden.rules.rule.RulePack;

/** Builds snapshots for tests. */
final class Packs {

	private Packs() {
	}

	static PolicySnapshot defaultPack() {
		List<CompiledRule> rules = new ArrayList<>();
		for (RulePack.Rule rule : RulePack.loadDefault().rules()) {
			rules.add(new CompiledRule(UUID.randomUUID(), rule.name(), PatternCompiler.compile(rule.pattern()),
					rule.action(), (rule.roles() != null) ? rule.roles() : Set.of(), rule.creditCost(), 1));
		}
		return new PolicySnapshot(rules, 1, Action.REQUIRE_APPROVAL, 1);
	}

}
