package dev.warden.rules.rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import dev.warden.rules.engine.Action;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A set of rules shipped with Warden ({@code rules/default-pack.json}): loaded by the
 * local profile, importable anywhere, each rule with examples of what it must and must
 * not match.
 *
 * @param name the pack's name
 * @param version its version
 * @param description what it covers
 * @param rules its rules
 */
public record RulePack(String name, int version, String description, List<Rule> rules) {

	/** Where the default pack lives on the class path. */
	public static final String DEFAULT = "rules/default-pack.json";

	/**
	 * Reads the default pack.
	 * @return the pack
	 */
	public static RulePack loadDefault() {
		try (InputStream in = RulePack.class.getClassLoader().getResourceAsStream(DEFAULT)) {
			if (in == null) {
				throw new IllegalStateException(DEFAULT + " is missing from the class path");
			}
			return JsonMapper.builder().build().readValue(in, RulePack.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One rule of a pack.
	 *
	 * @param name its name
	 * @param action what it decides
	 * @param pattern its pattern
	 * @param creditCost what a command it allows costs
	 * @param description why it exists
	 * @param roles the roles it applies to, or none for everyone
	 * @param examples commands it must and must not match
	 */
	public record Rule(String name, Action action, String pattern, int creditCost, String description,
			@Nullable Set<String> roles, @Nullable Examples examples) {
	}

	/**
	 * Examples the tests check.
	 *
	 * @param match commands the rule must match
	 * @param noMatch commands it must not match
	 */
	public record Examples(List<String> match, List<String> noMatch) {
	}

}
