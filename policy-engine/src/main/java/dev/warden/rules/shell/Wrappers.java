package dev.warden.rules.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Commands that run other commands. For each, the words after its own options are the
 * command it runs, or a string it hands to a shell; both are inspected like the line
 * itself.
 */
final class Wrappers {

	/** Where unwrapped commands and scripts go. */
	interface Sink {

		ShellParser.Run command(List<Word> inner, String through);

		void script(String text, String through);

		void concern(String concern);

	}

	private static final Set<String> DECODERS = Set.of("gunzip", "zcat", "bzcat", "xzcat", "unxz", "uudecode", "rev",
			"lzcat", "unzstd", "zstdcat");

	private Wrappers() {
	}

	static ShellParser.Run unwrap(String name, List<Word> args, Sink sink, List<Word> all, Set<String> shells,
			Set<String> interpreters) {
		if (shells.contains(name)) {
			return shell(name, args, sink);
		}
		if (interpreters.contains(name) || name.matches("python\\d(\\.\\d+)?")) {
			boolean hasProgram = args.stream()
				.anyMatch((arg) -> !arg.value().startsWith("-") || arg.value().equals("-c") || arg.value().equals("-e")
						|| arg.value().equals("-r"));
			return new ShellParser.Run(name, !hasProgram, false);
		}
		return switch (name) {
			case "sudo" -> sudo(args, sink);
			case "doas" -> sink.command(skip(args, Set.of("-u", "-C"), Set.of()), "doas");
			case "env" -> env(args, sink);
			case "nohup", "setsid", "unbuffer", "builtin", "busybox", "caffeinate", "catchsegv" ->
				sink.command(skip(args, Set.of(), Set.of()), name);
			case "time" -> sink.command(skip(args, Set.of("-f", "-o", "--format", "--output"), Set.of()), "time");
			case "exec" -> sink.command(skip(args, Set.of("-a"), Set.of()), "exec");
			case "command" -> args.stream().anyMatch((arg) -> arg.value().equals("-v") || arg.value().equals("-V"))
					? ShellParser.Run.NONE : sink.command(skip(args, Set.of(), Set.of()), "command");
			case "nice" -> sink.command(skip(args, Set.of("-n", "--adjustment"), Set.of()), "nice");
			case "ionice" -> sink.command(
					skip(args, Set.of("-c", "-n", "-p", "-P", "-u", "--class", "--classdata"), Set.of()), "ionice");
			case "timeout" -> sink.command(
					positional(skip(args, Set.of("-s", "-k", "--signal", "--kill-after"), Set.of()), 1), "timeout");
			case "stdbuf" -> sink
				.command(skip(args, Set.of("-i", "-o", "-e", "--input", "--output", "--error"), Set.of()), "stdbuf");
			case "chroot" ->
				sink.command(positional(skip(args, Set.of("--userspec", "--groups"), Set.of()), 1), "chroot");
			case "taskset" -> sink.command(positional(skip(args, Set.of(), Set.of()), 1), "taskset");
			case "chrt" -> sink.command(positional(skip(args, Set.of("-T", "-P", "-D"), Set.of()), 1), "chrt");
			case "flock" -> flock(args, sink);
			case "xargs" -> xargs(args, sink);
			case "watch" ->
				joined(skip(args, Set.of("-n", "--interval", "-d", "--differences"), Set.of()), sink, "watch");
			case "su" -> stringOption(args, Set.of("-c", "--command"), sink, "su -c");
			case "script" -> stringOption(args, Set.of("-c", "--command"), sink, "script -c");
			case "eval" -> eval(args, sink);
			case "find" -> find(args, sink);
			case "ssh" -> ssh(args, sink);
			case "base64", "base32", "basenc" -> decoder(name, args, Set.of("-d", "--decode", "-D"));
			case "xxd" -> decoder(name, args, Set.of("-r", "-revert", "-reverse"));
			case "openssl" -> decoder(name, args, Set.of("-d", "-base64", "-a"));
			case "gzip", "bzip2", "xz", "zstd", "lz4", "lzma" ->
				decoder(name, args, Set.of("-d", "--decompress", "-dc", "-cd"));
			default -> new ShellParser.Run(name, false, DECODERS.contains(name));
		};
	}

	private static ShellParser.Run decoder(String name, List<Word> args, Set<String> decodeFlags) {
		boolean decodes = args.stream()
			.anyMatch((arg) -> decodeFlags.contains(arg.value())
					|| (arg.value().startsWith("-") && !arg.value().startsWith("--") && decodeFlags.stream()
						.anyMatch((flag) -> flag.length() == 2 && arg.value().indexOf(flag.charAt(1)) > 0)));
		return new ShellParser.Run(name, false, decodes);
	}

	private static ShellParser.Run shell(String name, List<Word> args, Sink sink) {
		for (int i = 0; i < args.size(); i++) {
			String value = args.get(i).value();
			if (value.startsWith("<(")) {
				sink.concern("A shell runs commands produced by another command, which hides them");
				return ShellParser.Run.NONE;
			}
			if (value.equals("--") || !value.startsWith("-") && !value.startsWith("+")) {
				// A script file: its contents are not on the line.
				return new ShellParser.Run(name, value.equals("--") && i == args.size() - 1, false);
			}
			if ((value.equals("-o") || value.equals("+o") || value.equals("-O") || value.equals("+O"))
					&& i + 1 < args.size()) {
				i++;
				continue;
			}
			if (!value.startsWith("--") && value.startsWith("-") && value.indexOf('c') > 0) {
				if (i + 1 >= args.size()) {
					sink.concern(name + " -c has no command string");
					return ShellParser.Run.NONE;
				}
				Word script = args.get(i + 1);
				if (script.dynamic()) {
					sink.concern(name + " -c runs a string that is only known when it runs");
				}
				sink.script(script.value(), name + " -c");
				return ShellParser.Run.NONE;
			}
		}
		// No -c and no script: the shell reads its commands from standard input.
		return new ShellParser.Run(name, true, false);
	}

	private static ShellParser.Run sudo(List<Word> args, Sink sink) {
		Set<String> withValue = Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-R", "--user",
				"--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type", "--other-user",
				"--command-timeout", "--chroot");
		boolean viaShell = false;
		int i = 0;
		while (i < args.size()) {
			String value = args.get(i).value();
			if (value.equals("--")) {
				i++;
				break;
			}
			if (!value.startsWith("-")) {
				break;
			}
			if (value.equals("-s") || value.equals("-i") || value.equals("--shell") || value.equals("--login")) {
				viaShell = true;
			}
			i += (withValue.contains(value) && !value.contains("=")) ? 2 : 1;
		}
		List<Word> rest = args.subList(Math.min(i, args.size()), args.size());
		if (viaShell && !rest.isEmpty()) {
			sink.script(join(rest), "sudo -s");
			return ShellParser.Run.NONE;
		}
		return sink.command(rest, "sudo");
	}

	private static ShellParser.Run env(List<Word> args, Sink sink) {
		int i = 0;
		while (i < args.size()) {
			Word word = args.get(i);
			String value = word.value();
			if (value.equals("-S") || value.equals("--split-string")) {
				if (i + 1 < args.size()) {
					List<String> rest = new ArrayList<>();
					rest.add(args.get(i + 1).value());
					args.subList(i + 2, args.size()).forEach((arg) -> rest.add(arg.value()));
					sink.script(String.join(" ", rest), "env -S");
				}
				return ShellParser.Run.NONE;
			}
			if (value.startsWith("--split-string=") || value.startsWith("-S") && value.length() > 2) {
				sink.script(value.substring(value.startsWith("-S") ? 2 : "--split-string=".length()), "env -S");
				return ShellParser.Run.NONE;
			}
			if (value.equals("-u") || value.equals("--unset") || value.equals("-C") || value.equals("--chdir")) {
				i += 2;
				continue;
			}
			if (value.startsWith("-") || (!word.quoted() && value.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
				i++;
				continue;
			}
			break;
		}
		return sink.command(args.subList(Math.min(i, args.size()), args.size()), "env");
	}

	private static ShellParser.Run flock(List<Word> args, Sink sink) {
		for (int i = 0; i < args.size(); i++) {
			String value = args.get(i).value();
			if ((value.equals("-c") || value.equals("--command")) && i + 1 < args.size()) {
				sink.script(args.get(i + 1).value(), "flock -c");
				return ShellParser.Run.NONE;
			}
		}
		return sink.command(
				positional(skip(args, Set.of("-w", "-E", "--timeout", "--conflict-exit-code"), Set.of()), 1), "flock");
	}

	private static ShellParser.Run xargs(List<Word> args, Sink sink) {
		Set<String> withValue = Set.of("-a", "-d", "-E", "-e", "-I", "-L", "-l", "-n", "-P", "-s", "--arg-file",
				"--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars");
		List<Word> inner = skip(args, withValue, Set.of());
		return sink.command(inner.isEmpty() ? List.of() : inner, "xargs");
	}

	private static ShellParser.Run eval(List<Word> args, Sink sink) {
		if (args.stream().anyMatch(Word::dynamic)) {
			sink.concern("eval runs a string that is only known when it runs");
		}
		sink.script(join(args), "eval");
		return ShellParser.Run.NONE;
	}

	private static ShellParser.Run find(List<Word> args, Sink sink) {
		for (int i = 0; i < args.size(); i++) {
			String value = args.get(i).value();
			if (value.equals("-exec") || value.equals("-execdir") || value.equals("-ok") || value.equals("-okdir")) {
				int end = i + 1;
				while (end < args.size() && !args.get(end).value().equals(";") && !args.get(end).value().equals("+")) {
					end++;
				}
				sink.command(args.subList(i + 1, end), "find " + value);
				i = end;
			}
		}
		return new ShellParser.Run("find", false, false);
	}

	private static ShellParser.Run ssh(List<Word> args, Sink sink) {
		Set<String> withValue = Set.of("-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O",
				"-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B");
		List<Word> rest = skip(args, withValue, Set.of());
		if (rest.size() > 1) {
			sink.script(join(rest.subList(1, rest.size())), "ssh");
		}
		return new ShellParser.Run("ssh", false, false);
	}

	private static ShellParser.Run joined(List<Word> words, Sink sink, String through) {
		if (!words.isEmpty()) {
			sink.script(join(words), through);
		}
		return ShellParser.Run.NONE;
	}

	private static ShellParser.Run stringOption(List<Word> args, Set<String> options, Sink sink, String through) {
		for (int i = 0; i < args.size(); i++) {
			String value = args.get(i).value();
			if (options.contains(value) && i + 1 < args.size()) {
				sink.script(args.get(i + 1).value(), through);
				return ShellParser.Run.NONE;
			}
			for (String option : options) {
				if (option.startsWith("--") && value.startsWith(option + "=")) {
					sink.script(value.substring(option.length() + 1), through);
					return ShellParser.Run.NONE;
				}
			}
		}
		return ShellParser.Run.NONE;
	}

	/** Drops leading options (and the values of those that take one) and a {@code --}. */
	static List<Word> skip(List<Word> args, Set<String> withValue, Set<String> flags) {
		int i = 0;
		while (i < args.size()) {
			String value = args.get(i).value();
			if (value.equals("--")) {
				i++;
				break;
			}
			if (!value.startsWith("-") || value.equals("-")) {
				break;
			}
			boolean takesValue = withValue.contains(value) && !value.contains("=");
			i += takesValue ? 2 : 1;
		}
		return args.subList(Math.min(i, args.size()), args.size());
	}

	/** Drops the first {@code count} words (a duration, a directory, a mask). */
	private static List<Word> positional(List<Word> args, int count) {
		return args.subList(Math.min(count, args.size()), args.size());
	}

	private static String join(List<Word> words) {
		List<String> values = new ArrayList<>();
		for (Word word : words) {
			values.add(word.value());
		}
		return String.join(" ", values);
	}

}
