package dev.warden.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commands this machine's owner lets the agent run, whatever the server allows. One
 * pattern a line; {@code #} starts a comment. A pattern is matched against the whole
 * command line, with runs of blanks read as one space, and {@code *} stands for any
 * characters. For example {@code uptime}, {@code df -h}, {@code git -C /srv/app status},
 * {@code ls *}.
 * <p>
 * A command that holds any shell control character ({@code ; & | $ ` < > ( ) { } \}, a
 * newline) is refused before any pattern is tried: otherwise {@code ls *} would also
 * admit {@code ls; rm -rf ~}. What a {@code *} admits within one simple command (flags
 * such as {@code find -exec}) is the owner's to judge.
 */
public final class AllowList {

	private static final String CONTROL_CHARACTERS = ";&|$`<>(){}\\\n\r\0";

	private final List<Pattern> patterns;

	private final String source;

	private AllowList(List<Pattern> patterns, String source) {
		this.patterns = List.copyOf(patterns);
		this.source = source;
	}

	/**
	 * Reads an allow-list file.
	 * @param file the file
	 * @return the allow-list
	 * @throws IOException if it cannot be read
	 */
	public static AllowList load(Path file) throws IOException {
		return of(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
	}

	/**
	 * Makes an allow-list from lines.
	 * @param lines the lines, as in a file
	 * @param source where they come from, for messages
	 * @return the allow-list
	 */
	public static AllowList of(List<String> lines, String source) {
		List<Pattern> patterns = new ArrayList<>();
		for (String line : lines) {
			String pattern = normalise(line.strip());
			if (pattern.isEmpty() || pattern.startsWith("#")) {
				continue;
			}
			patterns.add(compile(pattern));
		}
		return new AllowList(patterns, source);
	}

	/**
	 * Says why a command may not run, if it may not.
	 * @param command the command line
	 * @return the reason, or empty if it may run
	 */
	public Optional<String> refusal(String command) {
		for (int i = 0; i < command.length(); i++) {
			if (CONTROL_CHARACTERS.indexOf(command.charAt(i)) >= 0) {
				return Optional.of("warden-agent: refused by the local allow-list (" + this.source
						+ "): shell control characters are not allowed when an allow-list is set");
			}
		}
		String normalised = normalise(command.strip());
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(normalised).matches()) {
				return Optional.empty();
			}
		}
		return Optional.of("warden-agent: refused by the local allow-list (" + this.source
				+ "): the command matches no allowed pattern");
	}

	/**
	 * Returns how many patterns the list holds.
	 * @return the count
	 */
	public int size() {
		return this.patterns.size();
	}

	private static String normalise(String text) {
		return text.replaceAll("[ \\t]+", " ");
	}

	private static Pattern compile(String glob) {
		StringBuilder regex = new StringBuilder();
		for (String part : glob.split("\\*", -1)) {
			if (!regex.isEmpty()) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

}
