package dev.warden.rules.rule;

import dev.warden.rules.policy.RulesProperties;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the default pack into an empty rule set when
 * {@code warden.rules.load-default-pack} is on, as the local profile has it. Elsewhere
 * administrators import it through the API.
 */
@Component
class DefaultPackLoader {

	private final RulesProperties properties;

	private final RuleRepository rules;

	private final RulePackImporter importer;

	DefaultPackLoader(RulesProperties properties, RuleRepository rules, RulePackImporter importer) {
		this.properties = properties;
		this.rules = rules;
		this.importer = importer;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadIntoEmptyRuleSet() {
		if (this.properties.loadDefaultPack() && this.rules.count() == 0) {
			this.importer.importPack(RulePack.loadDefault());
		}
	}

}
