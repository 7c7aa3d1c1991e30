package dev.warden.rules.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.warden.rules.pattern.OptionClusters;
import org.jspecify.annotations.Nullable;

/**
 * Reads a command line into the simple commands a shell would run. It follows lists
 * ({@code ; && || & newline}), pipelines, subshells and groups, control structures,
 * command and process substitutions, here-documents fed to shells, and the strings or
 * arguments that wrappers run: {@code bash -c}, {@code sh -c}, {@code eval},
 * {@code xargs}, {@code env}, {@code sudo}, {@code doas}, {@code su -c}, {@code nohup},
 * {@code time}, {@code exec}, {@code nice}, {@code timeout}, {@code watch},
 * {@code ssh host cmd}, {@code find -exec} and more. Brace expansion and {@code $IFS}
 * word splitting are applied as bash would.
 *
 * <p>
 * It never throws: a line it cannot read, or one that hides what it runs (an unterminated
 * quote, {@code eval} of a variable, a command name built at run time or with ANSI-C
 * quoting, decoded data piped into a shell), comes back with concerns, and the engine
 * never allows such a line.
 */
public final class ShellParser {

	/** Nesting beyond this is not followed. */
	static final int MAX_DEPTH = 10;

	/**
	 * Subshells and groups open at once beyond this are not followed: each is a level of
	 * recursion, and {@code ((((…} of 2,000 levels, well within a command's 4 KB,
	 * overflowed the request thread's stack (a 500, counted as a failure of rules-service
	 * by callers).
	 */
	static final int MAX_GROUPS = 50;

	/** At most this many simple commands are collected from one line. */
	static final int MAX_COMMANDS = 2000;

	private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?\\+?=.*",
			Pattern.DOTALL);

	private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "rbash", "fish",
			"csh", "tcsh", "yash", "posh");

	private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
			"php", "lua", "tclsh", "osascript", "pwsh");

	private static final Set<String> RESERVED = Set.of("if", "then", "elif", "else", "fi", "while", "until", "do",
			"done", "!", "in", "esac", "{", "}", "coproc");

	private static final Map<String, Map<String, String>> LONG_OPTIONS = Map.of("rm",
			Map.of("--recursive", "-r", "--force", "-f", "--interactive=never", "-f", "--dir", "-d"), "chmod",
			Map.of("--recursive", "-R"), "chown", Map.of("--recursive", "-R"), "chgrp", Map.of("--recursive", "-R"),
			"cp", Map.of("--recursive", "-r", "--force", "-f"), "mv", Map.of("--force", "-f"), "kill",
			Map.of("--signal=9", "-9", "--signal=KILL", "-KILL"), "shred", Map.of("--remove", "-u", "--zero", "-z"));

	private final List<SimpleCommand> commands = new ArrayList<>();

	private final Set<String> concerns = new LinkedHashSet<>();

	/** Subshells and groups open at this point of the parse, across nested scripts. */
	private int groups;

	private ShellParser() {
	}

	/**
	 * Reads a command line.
	 * @param line the line
	 * @return what it runs and what cannot be inspected
	 */
	public static ParsedLine parse(String line) {
		ShellParser parser = new ShellParser();
		if (line.indexOf('\0') >= 0) {
			parser.concerns.add("The line contains a NUL character");
		}
		parser.script(line, "line", 0);
		return new ParsedLine(line, List.copyOf(parser.commands), List.copyOf(parser.concerns));
	}

	private void script(String text, String via, int depth) {
		if (depth > MAX_DEPTH) {
			this.concerns.add("Commands are nested too deeply to inspect");
			return;
		}
		try {
			new Reader(new Lexer(text), via, depth).all();
		}
		catch (NestedTooDeeply ex) {
			this.concerns.add("Commands are nested too deeply to inspect");
		}
		catch (ShellSyntaxException ex) {
			this.concerns.add("The shell cannot parse this (" + ex.getMessage() + " at character " + ex.position()
					+ (via.equals("line") ? "" : " of a string run by " + via) + ")");
		}
		catch (RuntimeException ex) {
			this.concerns.add("The shell cannot parse this");
		}
	}

	/** Reads the tokens of one script. */
	private final class Reader {

		private final Lexer lexer;

		private final String via;

		private final int depth;

		private Lexer.Token current;

		Reader(Lexer lexer, String via, int depth) {
			this.lexer = lexer;
			this.via = via;
			this.depth = depth;
			this.current = lexer.next();
		}

		void all() {
			list(Set.of());
			if (this.current.kind() != Lexer.Kind.END) {
				throw new ShellSyntaxException("Unexpected '" + describe(this.current) + "'", this.current.position());
			}
		}

		/** Reads commands until the end or one of the closing operators or words. */
		private void list(Set<String> closers) {
			while (this.current.kind() != Lexer.Kind.END && !closes(closers)) {
				if (this.current.kind() == Lexer.Kind.NEWLINE || isSeparator()) {
					advance();
					continue;
				}
				if (this.current.kind() == Lexer.Kind.OPERATOR && this.current.operator().equals(")")) {
					throw new ShellSyntaxException("Unmatched ')'", this.current.position());
				}
				pipeline(closers);
			}
		}

		private void enterGroup() {
			if (++ShellParser.this.groups > MAX_GROUPS) {
				ShellParser.this.groups--;
				throw new NestedTooDeeply();
			}
		}

		private boolean isSeparator() {
			return this.current.kind() == Lexer.Kind.OPERATOR
					&& Set.of(";", "&", "&&", "||", ";;", ";&", ";;&").contains(this.current.operator());
		}

		private boolean closes(Set<String> closers) {
			if (this.current.kind() == Lexer.Kind.OPERATOR && closers.contains(this.current.operator())) {
				return true;
			}
			return this.current.kind() == Lexer.Kind.WORD && this.current.word() != null
					&& !this.current.word().quoted() && closers.contains(this.current.word().value());
		}

		private void pipeline(Set<String> closers) {
			List<Run> elements = new ArrayList<>();
			while (true) {
				elements.add(command(closers));
				if (this.current.isOperator("|") || this.current.isOperator("|&")) {
					advance();
					while (this.current.kind() == Lexer.Kind.NEWLINE) {
						advance();
					}
					continue;
				}
				break;
			}
			for (int i = 1; i < elements.size(); i++) {
				Run run = elements.get(i);
				Run before = elements.get(i - 1);
				if (run.readsCommandsFromInput()) {
					String what = SHELLS.contains(run.name()) ? "shell" : run.name();
					ShellParser.this.concerns.add(before.isDecoder()
							? "Decoded data is piped into a " + what + ", which hides the commands it runs"
							: "A " + what + " runs commands it reads from a pipe, which hides them");
				}
			}
		}

		/** Reads one command of a pipeline: simple, compound or a function definition. */
		private Run command(Set<String> closers) {
			if (this.current.isOperator("(")) {
				advance();
				enterGroup();
				try {
					list(Set.of(")"));
				}
				finally {
					ShellParser.this.groups--;
				}
				expect(")");
				redirections();
				return Run.NONE;
			}
			if (this.current.kind() == Lexer.Kind.WORD && this.current.word() != null
					&& !this.current.word().quoted()) {
				String keyword = this.current.word().value();
				switch (keyword) {
					case "{" -> {
						advance();
						enterGroup();
						try {
							list(Set.of("}"));
						}
						finally {
							ShellParser.this.groups--;
						}
						expectWord("}");
						redirections();
						return Run.NONE;
					}
					case "if", "then", "elif", "else", "while", "until", "do", "!", "time", "coproc" -> {
						advance();
						if (keyword.equals("time") && this.current.isWord("-p")) {
							advance();
						}
						return Run.NONE;
					}
					case "fi", "done", "esac", "}" -> {
						advance();
						redirections();
						return Run.NONE;
					}
					case "for", "select" -> {
						skipUntilListStart();
						return Run.NONE;
					}
					case "case" -> {
						caseStatement();
						return Run.NONE;
					}
					case "function" -> {
						advance();
						advance();
						if (this.current.isOperator("(")) {
							advance();
							expect(")");
						}
						return Run.NONE;
					}
					default -> {
					}
				}
			}
			return simpleCommand();
		}

		private Run simpleCommand() {
			List<Word> words = new ArrayList<>();
			List<String> scriptsOnInput = new ArrayList<>();
			while (true) {
				if (this.current.kind() == Lexer.Kind.WORD && this.current.word() != null) {
					Word word = this.current.word();
					advance();
					if (words.isEmpty() && this.current.isOperator("(") && !word.quoted()) {
						// name() { ... }: a function definition; its body is read next.
						advance();
						expect(")");
						return Run.NONE;
					}
					words.add(word);
				}
				else if (this.current.kind() == Lexer.Kind.OPERATOR && isRedirection(this.current.operator())) {
					String operator = this.current.operator();
					advance();
					if (this.current.kind() != Lexer.Kind.WORD || this.current.word() == null) {
						throw new ShellSyntaxException("A redirection needs a target", this.current.position());
					}
					Word target = this.current.word();
					if (operator.equals("<<") || operator.equals("<<-")) {
						// Registered before the lexer moves on: it reads the body at the
						// next newline.
						this.pendingDocuments.add(this.lexer.hereDocument(target.value(), operator.equals("<<-")));
						scriptsOnInput.add("\0heredoc");
					}
					advance();
					inspectNested(target, this.depth);
					if (operator.equals("<<") || operator.equals("<<-")) {
						continue;
					}
					if (operator.equals("<<<")) {
						scriptsOnInput.add(target.value());
					}
					else if (operator.equals("<") && target.value().startsWith("<(")) {
						scriptsOnInput.add("\0generated");
					}
				}
				else {
					break;
				}
			}
			Run run = emit(words, this.via, this.depth);
			// Here-documents are read at the next newline; what a shell reads from them
			// is a script.
			if (run.readsCommandsFromInput() && !scriptsOnInput.isEmpty()) {
				for (String script : scriptsOnInput) {
					if (script.equals("\0generated")) {
						ShellParser.this.concerns
							.add("A shell runs commands produced by another command, which hides them");
					}
					else if (!script.equals("\0heredoc")) {
						script(script, run.name() + " <<<", this.depth + 1);
					}
				}
				if (this.current.kind() == Lexer.Kind.NEWLINE || this.current.kind() == Lexer.Kind.END) {
					// The lexer read the bodies on reaching this newline.
					for (Lexer.HereDocument document : this.pendingDocuments) {
						script(document.body, "a here-document", this.depth + 1);
					}
				}
				else {
					this.documentsForShell.addAll(this.pendingDocuments);
				}
			}
			this.pendingDocuments.clear();
			return run;
		}

		private final List<Lexer.HereDocument> pendingDocuments = new ArrayList<>();

		private final List<Lexer.HereDocument> documentsForShell = new ArrayList<>();

		private void advance() {
			this.current = this.lexer.next();
			if (this.current.kind() == Lexer.Kind.NEWLINE || this.current.kind() == Lexer.Kind.END) {
				for (Lexer.HereDocument document : this.documentsForShell) {
					script(document.body, "a here-document", this.depth + 1);
				}
				this.documentsForShell.clear();
			}
		}

		private void redirections() {
			while (this.current.kind() == Lexer.Kind.OPERATOR && isRedirection(this.current.operator())) {
				advance();
				if (this.current.kind() == Lexer.Kind.WORD && this.current.word() != null) {
					inspectNested(this.current.word(), this.depth);
					advance();
				}
			}
		}

		private void skipUntilListStart() {
			while (this.current.kind() != Lexer.Kind.END && !this.current.isOperator(";")
					&& this.current.kind() != Lexer.Kind.NEWLINE && !this.current.isWord("do")) {
				if (this.current.word() != null) {
					inspectNested(this.current.word(), this.depth);
				}
				advance();
			}
		}

		private void caseStatement() {
			advance(); // case
			if (this.current.word() != null) {
				inspectNested(this.current.word(), this.depth);
			}
			advance(); // the word
			while (this.current.kind() == Lexer.Kind.NEWLINE) {
				advance();
			}
			expectWord("in");
			while (true) {
				while (this.current.kind() == Lexer.Kind.NEWLINE || isSeparator()) {
					advance();
				}
				if (this.current.isWord("esac") || this.current.kind() == Lexer.Kind.END) {
					break;
				}
				if (this.current.isOperator("(")) {
					advance();
				}
				while (this.current.kind() != Lexer.Kind.END && !this.current.isOperator(")")) {
					advance(); // the patterns and their |
				}
				expect(")");
				list(Set.of(";;", ";&", ";;&", "esac"));
			}
			expectWord("esac");
			redirections();
		}

		private void expect(String operator) {
			if (!this.current.isOperator(operator)) {
				throw new ShellSyntaxException("Expected '" + operator + "'", this.current.position());
			}
			advance();
		}

		private void expectWord(String word) {
			if (!this.current.isWord(word)) {
				throw new ShellSyntaxException("Expected '" + word + "'", this.current.position());
			}
			advance();
		}

		private static boolean isRedirection(String operator) {
			return Set.of("<", ">", ">>", ">|", "<>", "<&", ">&", "&>", "&>>", "<<", "<<-", "<<<").contains(operator);
		}

		private static String describe(Lexer.Token token) {
			return (token.kind() == Lexer.Kind.WORD && token.word() != null) ? token.word().value() : token.operator();
		}

	}

	/**
	 * Records a simple command, then what it runs in turn.
	 * @return how it runs, for the pipeline it is part of
	 */
	private Run emit(List<Word> raw, String via, int depth) {
		for (Word word : raw) {
			inspectNested(word, depth);
		}
		List<Word> words = expand(raw);
		int first = 0;
		while (first < words.size() && !words.get(first).quoted()
				&& ASSIGNMENT.matcher(words.get(first).value()).matches()) {
			first++;
		}
		words = words.subList(first, words.size());
		if (words.isEmpty()) {
			return Run.NONE;
		}
		return run(words, via, depth);
	}

	private void inspectNested(Word word, int depth) {
		for (String substitution : word.substitutions()) {
			boolean process = word.value().startsWith("<(") || word.value().startsWith(">(");
			script(substitution, process ? "<(...)" : "$(...)", depth + 1);
		}
	}

	/** Records a command and unwraps what it runs. */
	private Run run(List<Word> words, String via, int depth) {
		if (this.commands.size() >= MAX_COMMANDS) {
			this.concerns.add("The line runs more commands than can be inspected");
			return Run.NONE;
		}
		Word nameWord = words.getFirst();
		if (nameWord.dynamic()) {
			this.concerns.add("The command name (" + nameWord.value() + ") is only known when it runs");
		}
		if (nameWord.ansiC()) {
			this.concerns.add("ANSI-C quoting ($'...') builds the command name");
		}
		String name = commandName(nameWord.value());
		List<String> texts = new ArrayList<>();
		texts.add(name);
		Map<String, String> aliases = LONG_OPTIONS.getOrDefault(name, Map.of());
		for (int i = 1; i < words.size(); i++) {
			texts.add(aliases.getOrDefault(words.get(i).value(), words.get(i).value()));
		}
		List<String> canonical = OptionClusters.canonicalize(texts);
		this.commands.add(new SimpleCommand(List.copyOf(canonical), String.join(" ", canonical), via));
		return Wrappers.unwrap(name, words.subList(1, words.size()), new Wrappers.Sink() {

			@Override
			public Run command(List<Word> inner, String through) {
				return (inner.isEmpty()) ? Run.NONE : run(inner, through, depth + 1);
			}

			@Override
			public void script(String text, String through) {
				ShellParser.this.script(text, through, depth + 1);
			}

			@Override
			public void concern(String concern) {
				ShellParser.this.concerns.add(concern);
			}

		}, words, SHELLS, INTERPRETERS);
	}

	/** Applies brace expansion and {@code $IFS} splitting to unquoted words. */
	private List<Word> expand(List<Word> words) {
		List<Word> expanded = new ArrayList<>();
		for (Word word : words) {
			List<String> values = List.of(word.value());
			if (!word.quoted() && !word.dynamic() && word.value().indexOf('{') >= 0) {
				values = BraceExpansion.expand(word.value());
			}
			for (String value : values) {
				if (value.indexOf(Lexer.IFS_MARK) >= 0) {
					for (String part : value.split(String.valueOf(Lexer.IFS_MARK))) {
						if (!part.isEmpty()) {
							expanded
								.add(new Word(part, word.quoted(), false, word.ansiC(), List.of(), word.position()));
						}
					}
				}
				else {
					expanded.add(new Word(value, word.quoted(), word.dynamic(), word.ansiC(), word.substitutions(),
							word.position()));
				}
			}
		}
		return expanded;
	}

	/**
	 * {@code /usr/bin/rm} is {@code rm}; a leading backslash (which skips aliases) is
	 * gone already.
	 */
	static String commandName(String value) {
		int slash = value.lastIndexOf('/');
		return (slash >= 0 && slash < value.length() - 1) ? value.substring(slash + 1) : value;
	}

	/**
	 * How a command runs, as far as the pipeline around it is concerned.
	 *
	 * @param name the name of the innermost command it runs
	 * @param readsCommandsFromInput whether it is a shell or interpreter that would read
	 * its program from standard input
	 * @param isDecoder whether it decodes data (base64, xxd -r, ...)
	 */
	record Run(String name, boolean readsCommandsFromInput, boolean isDecoder) {

		static final Run NONE = new Run("", false, false);

	}

	/**
	 * Stops a parse that opens more than {@link #MAX_GROUPS} groups; it has no stack
	 * trace.
	 */
	private static final class NestedTooDeeply extends RuntimeException {

		NestedTooDeeply() {
			super("Commands are nested too deeply to inspect", null, false, false);
		}

	}

}
