package dev.warden.rules.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.warden.platform.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Imports a rule pack: every rule whose name is not taken is created, accepting its
 * overlaps with the rules already there (packs overlap by design: a read-only command and
 * a credentials file, say), but never an exact duplicate.
 */
@Service
public class RulePackImporter {

	private static final Logger log = LoggerFactory.getLogger(RulePackImporter.class);

	private final Rules rules;

	RulePackImporter(Rules rules) {
		this.rules = rules;
	}

	/**
	 * Imports a pack.
	 * @param pack the pack
	 * @return what was imported and what was skipped, with why
	 */
	public ImportResult importPack(RulePack pack) {
		List<String> imported = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		String reason = "imported from rule pack " + pack.name() + " version " + pack.version();
		for (RulePack.Rule rule : pack.rules()) {
			RuleDefinition definition = new RuleDefinition(rule.name(), rule.pattern(), rule.action(),
					(rule.roles() != null) ? rule.roles() : Set.of(), rule.creditCost(), true, rule.description());
			try {
				this.rules.create(definition, true, reason);
				imported.add(rule.name());
			}
			catch (ProblemException ex) {
				skipped.add(rule.name() + ": " + ex.getMessage());
			}
		}
		log.info("Rule pack {}: {} imported, {} skipped", pack.name(), imported.size(), skipped.size());
		return new ImportResult(pack.name(), pack.version(), imported, skipped);
	}

	/**
	 * What an import did.
	 *
	 * @param pack the pack's name
	 * @param version its version
	 * @param imported the rules created
	 * @param skipped the rules not created, each with why
	 */
	public record ImportResult(String pack, int version, List<String> imported, List<String> skipped) {
	}

}
