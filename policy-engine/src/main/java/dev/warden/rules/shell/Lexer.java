package dev.warden.rules.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Splits a command line into words and operators the way a POSIX shell's tokenizer does:
 * quoting, escapes, expansions and substitutions, comments, and here-documents.
 */
final class Lexer {

	/** Stands for an unquoted {@code $IFS} in a word: the shell splits the word there. */
	static final char IFS_MARK = '\u0001';

	private static final String[] OPERATORS = { ";;&", ";;", ";&", "&&", "||", "|&", "&>>", "&>", ">>", ">&", ">|",
			"<<<", "<<-", "<<", "<&", "<>", ";", "&", "|", "(", ")", "<", ">" };

	private final String text;

	private int position;

	private final Deque<HereDocument> pendingHereDocuments = new ArrayDeque<>();

	Lexer(String text) {
		this.text = text;
	}

	/** One token. */
	record Token(Kind kind, String operator, @Nullable Word word, int position) {

		boolean isOperator(String op) {
			return this.kind == Kind.OPERATOR && this.operator.equals(op);
		}

		boolean isWord(String literal) {
			return this.kind == Kind.WORD && this.word != null && this.word.isLiteral(literal);
		}

	}

	enum Kind {

		WORD, OPERATOR, NEWLINE, END

	}

	/** A here-document whose body the lexer reads after the next newline. */
	static final class HereDocument {

		final String delimiter;

		final boolean stripTabs;

		String body = "";

		HereDocument(String delimiter, boolean stripTabs) {
			this.delimiter = delimiter;
			this.stripTabs = stripTabs;
		}

	}

	HereDocument hereDocument(String delimiter, boolean stripTabs) {
		HereDocument document = new HereDocument(delimiter, stripTabs);
		this.pendingHereDocuments.add(document);
		return document;
	}

	Token next() {
		skipBlanksAndComments();
		if (this.position >= this.text.length()) {
			readHereDocuments();
			return new Token(Kind.END, "", null, this.position);
		}
		int start = this.position;
		char c = this.text.charAt(this.position);
		if (c == '\n') {
			this.position++;
			readHereDocuments();
			return new Token(Kind.NEWLINE, "\n", null, start);
		}
		if ((c == '<' || c == '>') && this.position + 1 < this.text.length()
				&& this.text.charAt(this.position + 1) == '(') {
			return new Token(Kind.WORD, "", processSubstitution(), start);
		}
		int digits = this.position;
		while (digits < this.text.length() && Character.isDigit(this.text.charAt(digits))) {
			digits++;
		}
		if (digits > this.position && digits < this.text.length()
				&& (this.text.charAt(digits) == '<' || this.text.charAt(digits) == '>')) {
			this.position = digits; // a file descriptor before a redirection
		}
		for (String operator : OPERATORS) {
			if (this.text.startsWith(operator, this.position)) {
				this.position += operator.length();
				return new Token(Kind.OPERATOR, operator, null, start);
			}
		}
		this.position = start;
		return new Token(Kind.WORD, "", word(), start);
	}

	private void skipBlanksAndComments() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c == ' ' || c == '\t' || c == '\r') {
				this.position++;
			}
			else if (c == '\\' && this.position + 1 < this.text.length()
					&& this.text.charAt(this.position + 1) == '\n') {
				this.position += 2;
			}
			else if (c == '#') {
				while (this.position < this.text.length() && this.text.charAt(this.position) != '\n') {
					this.position++;
				}
			}
			else {
				return;
			}
		}
	}

	private void readHereDocuments() {
		while (!this.pendingHereDocuments.isEmpty()) {
			HereDocument document = this.pendingHereDocuments.poll();
			StringBuilder body = new StringBuilder();
			while (this.position < this.text.length()) {
				int end = this.text.indexOf('\n', this.position);
				String line = (end < 0) ? this.text.substring(this.position) : this.text.substring(this.position, end);
				this.position = (end < 0) ? this.text.length() : end + 1;
				String compared = document.stripTabs ? line.replaceFirst("^\t+", "") : line;
				if (compared.equals(document.delimiter)) {
					break;
				}
				body.append(compared).append('\n');
			}
			document.body = body.toString();
		}
	}

	private Word word() {
		int start = this.position;
		StringBuilder value = new StringBuilder();
		boolean quoted = false;
		boolean dynamic = false;
		boolean ansiC = false;
		List<String> substitutions = new ArrayList<>();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (" \t\r\n;&|()<>".indexOf(c) >= 0) {
				break;
			}
			if (c == '\\') {
				this.position++;
				if (this.position >= this.text.length()) {
					break;
				}
				char escaped = this.text.charAt(this.position++);
				if (escaped != '\n') {
					value.append(escaped);
					quoted = true;
				}
			}
			else if (c == '\'') {
				int close = this.text.indexOf('\'', this.position + 1);
				if (close < 0) {
					throw new ShellSyntaxException("Unterminated single quote", this.position);
				}
				value.append(this.text, this.position + 1, close);
				this.position = close + 1;
				quoted = true;
			}
			else if (c == '"') {
				this.position++;
				quoted = true;
				dynamic |= doubleQuoted(value, substitutions);
			}
			else if (c == '$' && this.position + 1 < this.text.length()
					&& this.text.charAt(this.position + 1) == '\'') {
				this.position += 2;
				value.append(ansiC());
				quoted = true;
				ansiC = true;
			}
			else if (c == '$' && this.position + 1 < this.text.length() && this.text.charAt(this.position + 1) == '"') {
				this.position += 2;
				quoted = true;
				dynamic |= doubleQuoted(value, substitutions);
			}
			else if (c == '$') {
				dynamic |= dollar(value, substitutions, false);
			}
			else if (c == '`') {
				value.append(backquote(substitutions));
				dynamic = true;
			}
			else {
				value.append(c);
				this.position++;
			}
		}
		return new Word(value.toString(), quoted, dynamic, ansiC, substitutions, start);
	}

	/** Reads a double-quoted part; the opening quote is consumed. */
	private boolean doubleQuoted(StringBuilder value, List<String> substitutions) {
		int start = this.position - 1;
		boolean dynamic = false;
		while (true) {
			if (this.position >= this.text.length()) {
				throw new ShellSyntaxException("Unterminated double quote", start);
			}
			char c = this.text.charAt(this.position);
			if (c == '"') {
				this.position++;
				return dynamic;
			}
			if (c == '\\' && this.position + 1 < this.text.length()
					&& "$`\"\\\n".indexOf(this.text.charAt(this.position + 1)) >= 0) {
				char escaped = this.text.charAt(this.position + 1);
				if (escaped != '\n') {
					value.append(escaped);
				}
				this.position += 2;
			}
			else if (c == '$') {
				dynamic |= dollar(value, substitutions, true);
			}
			else if (c == '`') {
				value.append(backquote(substitutions));
				dynamic = true;
			}
			else {
				value.append(c);
				this.position++;
			}
		}
	}

	/** Reads an expansion or substitution starting at {@code $}. */
	private boolean dollar(StringBuilder value, List<String> substitutions, boolean inQuotes) {
		int start = this.position;
		if (this.text.startsWith("$((", this.position)) {
			int end = matching(this.position + 1, '(', ')');
			value.append(this.text, start, end + 1);
			this.position = end + 1;
			return true;
		}
		if (this.text.startsWith("$(", this.position)) {
			int end = matching(this.position + 1, '(', ')');
			substitutions.add(this.text.substring(this.position + 2, end));
			value.append(this.text, start, end + 1);
			this.position = end + 1;
			return true;
		}
		if (this.text.startsWith("${", this.position)) {
			int end = matching(this.position + 1, '{', '}');
			String inner = this.text.substring(this.position + 2, end);
			this.position = end + 1;
			if (!inQuotes && inner.equals("IFS")) {
				value.append(IFS_MARK);
			}
			else {
				value.append("${").append(inner).append('}');
			}
			return true;
		}
		int i = this.position + 1;
		if (i < this.text.length() && "@*#?$!-0123456789".indexOf(this.text.charAt(i)) >= 0) {
			value.append(this.text, start, i + 1);
			this.position = i + 1;
			return true;
		}
		while (i < this.text.length()
				&& (Character.isLetterOrDigit(this.text.charAt(i)) || this.text.charAt(i) == '_')) {
			i++;
		}
		if (i == this.position + 1) {
			value.append('$'); // a lone dollar is literal
			this.position++;
			return false;
		}
		String name = this.text.substring(this.position + 1, i);
		this.position = i;
		if (!inQuotes && name.equals("IFS")) {
			value.append(IFS_MARK);
		}
		else {
			value.append('$').append(name);
		}
		return true;
	}

	private String backquote(List<String> substitutions) {
		int start = this.position;
		StringBuilder inner = new StringBuilder();
		this.position++;
		while (true) {
			if (this.position >= this.text.length()) {
				throw new ShellSyntaxException("Unterminated backquote", start);
			}
			char c = this.text.charAt(this.position);
			if (c == '`') {
				this.position++;
				break;
			}
			if (c == '\\' && this.position + 1 < this.text.length()
					&& "$`\\".indexOf(this.text.charAt(this.position + 1)) >= 0) {
				inner.append(this.text.charAt(this.position + 1));
				this.position += 2;
			}
			else {
				inner.append(c);
				this.position++;
			}
		}
		substitutions.add(inner.toString());
		return this.text.substring(start, this.position);
	}

	private Word processSubstitution() {
		int start = this.position;
		int end = matching(this.position + 1, '(', ')');
		String inner = this.text.substring(this.position + 2, end);
		this.position = end + 1;
		return new Word(this.text.substring(start, end + 1), false, true, false, List.of(inner), start);
	}

	/**
	 * Decodes an ANSI-C quoted part ({@code $'...'}); the opening {@code $'} is consumed.
	 */
	private String ansiC() {
		int start = this.position - 2;
		StringBuilder value = new StringBuilder();
		while (true) {
			if (this.position >= this.text.length()) {
				throw new ShellSyntaxException("Unterminated $'...' quote", start);
			}
			char c = this.text.charAt(this.position++);
			if (c == '\'') {
				return value.toString();
			}
			if (c != '\\' || this.position >= this.text.length()) {
				value.append(c);
				continue;
			}
			char e = this.text.charAt(this.position++);
			switch (e) {
				case 'n' -> value.append('\n');
				case 't' -> value.append('\t');
				case 'r' -> value.append('\r');
				case 'a' -> value.append('\u0007');
				case 'b' -> value.append('\b');
				case 'e', 'E' -> value.append('\u001b');
				case 'f' -> value.append('\f');
				case 'v' -> value.append('\u000b');
				case 'x' -> value.appendCodePoint(number(16, 2));
				case 'u' -> value.appendCodePoint(number(16, 4));
				case 'U' -> value.appendCodePoint(Math.min(number(16, 8), Character.MAX_CODE_POINT));
				case 'c' -> {
					if (this.position < this.text.length()) {
						value.append((char) (this.text.charAt(this.position++) & 0x1f));
					}
				}
				case '0', '1', '2', '3', '4', '5', '6', '7' -> {
					this.position--;
					value.append((char) (number(8, 3) & 0xff));
				}
				default -> value.append(e);
			}
		}
	}

	private int number(int radix, int maxDigits) {
		int value = 0;
		int digits = 0;
		while (digits < maxDigits && this.position < this.text.length()
				&& Character.digit(this.text.charAt(this.position), radix) >= 0) {
			value = value * radix + Character.digit(this.text.charAt(this.position), radix);
			this.position++;
			digits++;
		}
		return value;
	}

	/**
	 * Finds the closing bracket of an opening one, skipping quoted text and nested
	 * brackets.
	 * @param open the index of the opening bracket
	 */
	private int matching(int open, char opening, char closing) {
		int depth = 0;
		int i = open;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == '\'') {
				int close = this.text.indexOf('\'', i + 1);
				if (close < 0) {
					break;
				}
				i = close + 1;
				continue;
			}
			if (c == '"') {
				i++;
				while (i < this.text.length() && this.text.charAt(i) != '"') {
					i += (this.text.charAt(i) == '\\') ? 2 : 1;
				}
				i++;
				continue;
			}
			if (c == opening) {
				depth++;
			}
			else if (c == closing) {
				depth--;
				if (depth == 0) {
					return i;
				}
			}
			i++;
		}
		throw new ShellSyntaxException("Unterminated " + opening + "..." + closing, open);
	}

}
