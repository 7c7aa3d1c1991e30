package dev.warden.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds why a service did not start in its log. Services log one JSON object per line;
 * the reason is the first ERROR line's message and exception, which the shutdown that
 * follows buries under dozens of lines. Without such a line, the last lines are the best
 * there is.
 */
final class StartupFailure {

	private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";

	private static final Pattern MESSAGE = Pattern.compile("\"message\":" + STRING);

	private static final Pattern ERROR_TYPE = Pattern.compile("\"error\":\\{\"type\":" + STRING);

	private static final Pattern ERROR_MESSAGE = Pattern
		.compile("\"error\":\\{\"type\":" + STRING + ",\"message\":" + STRING);

	private static final int MESSAGE_LINES = 6;

	private static final int FALLBACK_LINES = 25;

	private StartupFailure() {
	}

	/**
	 * Summarizes a failed start.
	 * @param log the service's log lines
	 * @return the lines to show
	 */
	static List<String> summarize(List<String> log) {
		for (String line : log) {
			if (!line.contains("\"level\":\"ERROR\"")) {
				continue;
			}
			List<String> summary = new ArrayList<>();
			Matcher message = MESSAGE.matcher(line);
			if (message.find()) {
				summary.add(unescape(message.group(1)));
			}
			Matcher error = ERROR_MESSAGE.matcher(line);
			Matcher type = ERROR_TYPE.matcher(line);
			if (error.find()) {
				List<String> lines = unescape(error.group(2)).lines().limit(MESSAGE_LINES).toList();
				summary.add(unescape(error.group(1)) + ": " + (lines.isEmpty() ? "" : lines.getFirst()));
				summary.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
			}
			else if (type.find()) {
				summary.add(unescape(type.group(1)));
			}
			return summary;
		}
		return log.subList(Math.max(0, log.size() - FALLBACK_LINES), log.size());
	}

	private static String unescape(String json) {
		StringBuilder text = new StringBuilder(json.length());
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c != '\\' || i + 1 == json.length()) {
				text.append(c);
				continue;
			}
			char next = json.charAt(++i);
			switch (next) {
				case 'n' -> text.append('\n');
				case 't' -> text.append('\t');
				case 'r' -> text.append('\r');
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'u' -> {
					if (i + 4 < json.length()) {
						text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
						i += 4;
					}
				}
				default -> text.append(next);
			}
		}
		return text.toString();
	}

}
