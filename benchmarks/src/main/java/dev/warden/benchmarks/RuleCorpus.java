package dev.warden.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic, realistic rule set of any size and commands to classify against it.
 *
 * <p>
 * Rule sets of thousands of rules are mostly many rules about the same few dozen tools
 * (git, kubectl, docker, ...), each about one subcommand, flag or path. The corpus
 * reproduces that: rule {@code i} is about tool {@code i mod 48} and a subcommand word
 * unique to {@code i}, in one of five shapes the default pack uses (anchored option
 * checks, path arguments, word boundaries, alternations with an end anchor, and
 * unanchored script names). Half of the commands match at least one rule; the other half
 * use the same tools with words no rule mentions, as most commands do.
 */
final class RuleCorpus {

	static final List<String> TOOLS = List.of("git", "kubectl", "docker", "helm", "terraform", "aws", "gcloud", "az",
			"npm", "pip", "cargo", "mvn", "gradle", "make", "systemctl", "journalctl", "apt-get", "yum", "brew", "ssh",
			"scp", "rsync", "curl", "wget", "tar", "zip", "psql", "mysql", "redis-cli", "kafka-topics", "vault",
			"consul", "nomad", "ansible", "packer", "podman", "crictl", "iptables", "ufw", "mount", "chown", "chmod",
			"find", "sed", "awk", "python3", "node", "java");

	private static final String[] SYLLABLES = { "ba", "ke", "di", "mo", "lu", "sa", "te", "ri", "no", "gu", "pa", "ve",
			"zi", "ho", "fu", "ra", "ne", "ki", "do", "mu" };

	private static final int SHAPES = 5;

	private RuleCorpus() {
	}

	/**
	 * Returns n patterns in Warden's dialect, which is also valid java.util.regex and
	 * Hyperscan syntax with the same meaning on these inputs.
	 * @param n how many rules
	 * @return the patterns, rule {@code i} at index {@code i}
	 */
	static List<String> patterns(int n) {
		List<String> patterns = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			patterns.add(pattern(i));
		}
		return patterns;
	}

	/**
	 * Returns a pattern that is not in the first n, for conflict checks.
	 * @param n the size of the rule set it joins
	 * @return the pattern of rule n
	 */
	static String newPattern(int n) {
		return pattern(n);
	}

	static String pattern(int i) {
		String tool = TOOLS.get(i % TOOLS.size()).replace(".", "\\.");
		String word = word(i);
		return switch (i % SHAPES) {
			case 0 -> "^" + tool + " " + word + "( [^ ]+)* --" + word(i + 500_000) + "( |=|$)";
			case 1 -> "^" + tool + "( [^ ]+)* " + word + " [^ ]*/(etc|var|" + word(i + 300_000) + ")/";
			case 2 -> "\\b" + tool + " +" + word + "\\b";
			case 3 -> "^" + tool + " " + word + " (start|stop|restart) [a-z0-9-]+$";
			default -> "(^| |/)" + word + "[0-9]{2,4}\\.(sh|py)( |$)";
		};
	}

	/**
	 * Returns commands to classify: the even ones match a rule of the first n, the odd
	 * ones use the same tools with words no rule uses.
	 * @param n the size of the rule set
	 * @param count how many commands
	 * @return the commands
	 */
	static List<String> commands(int n, int count) {
		List<String> commands = new ArrayList<>(count);
		for (int j = 0; j < count; j++) {
			int rule = (int) ((j * 7919L) % n);
			String tool = TOOLS.get(rule % TOOLS.size());
			String word = word(rule);
			if (j % 2 == 1) {
				String other = word(900_000 + j);
				commands.add(tool + " " + other + " --output json --namespace production ./" + other + "/config.yaml");
				continue;
			}
			commands.add(switch (rule % SHAPES) {
				case 0 -> tool + " " + word + " --verbose --timeout 30s --" + word(rule + 500_000) + "=true";
				case 1 -> tool + " --quiet " + word + " ./deploy/" + word(rule + 300_000) + "/app.conf";
				case 2 -> "sudo " + tool + " " + word + " --all-namespaces --watch";
				case 3 -> tool + " " + word + " restart web-frontend-7";
				default -> "bash ./scripts/" + word + "2024.sh --dry-run --region eu-west-1";
			});
		}
		return commands;
	}

	/**
	 * A pronounceable word unique to its index, eight letters for indexes below 160,000.
	 */
	static String word(int index) {
		StringBuilder word = new StringBuilder();
		int rest = index;
		for (int i = 0; i < 4; i++) {
			word.append(SYLLABLES[rest % SYLLABLES.length]);
			rest /= SYLLABLES.length;
		}
		while (rest > 0) {
			word.append(SYLLABLES[rest % SYLLABLES.length]);
			rest /= SYLLABLES.length;
		}
		return word.toString();
	}

	/**
	 * Builds a text of exactly the given length from a repeated character and an ending.
	 * @param length the total length
	 * @param fill the repeated character
	 * @param ending what closes the text
	 * @return the text
	 */
	static String adversarial(int length, char fill, String ending) {
		return String.valueOf(fill).repeat(length - ending.length()) + ending;
	}

}
