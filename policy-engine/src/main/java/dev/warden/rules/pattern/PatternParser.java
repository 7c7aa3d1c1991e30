package dev.warden.rules.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Warden's pattern dialect: the RE2 syntax without what RE2 also refuses
 * (backreferences, lookaround, possessive quantifiers) and without what a finite
 * automaton cannot express.
 *
 * <p>
 * Supported: literals and escapes ({@code \.}, {@code \t}, {@code \xHH},
 * {@code \x{HHHH}}), {@code .}, classes ({@code [a-z]}, {@code [^...]},
 * {@code [[:alpha:]]}, {@code \d \w \s} and their negations), groups ({@code (...)},
 * {@code (?:...)}, {@code (?P<name>...)}), alternation, quantifiers ({@code * + ? {n}
 * {n,} {n,m}}, lazy forms accepted as the same language), a leading {@code (?i)}, and
 * {@code ^ $ \A \z \b} anywhere (an anchor in the middle of a pattern can only match
 * where the text starts or ends, as in RE2).
 */
final class PatternParser {

	/** The longest pattern accepted. */
	static final int MAX_LENGTH = 1000;

	/** The largest repetition count accepted, as in RE2. */
	static final int MAX_REPEAT = 1000;

	private final String pattern;

	private int position;

	private PatternParser(String pattern, int start) {
		this.pattern = pattern;
		this.position = start;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the source
	 * @return the tree and whether the pattern is case-insensitive
	 */
	static Parsed parse(String pattern) {
		if (pattern.isEmpty()) {
			throw new PatternSyntaxException("The pattern is empty", 0);
		}
		if (pattern.length() > MAX_LENGTH) {
			throw new PatternSyntaxException("The pattern is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
		}
		boolean caseInsensitive = pattern.startsWith("(?i)");
		PatternParser parser = new PatternParser(pattern, caseInsensitive ? 4 : 0);
		Node node = parser.alternation();
		if (parser.position < pattern.length()) {
			throw parser.error(pattern.charAt(parser.position) == ')' ? "Unmatched ')'" : "Unexpected character");
		}
		return new Parsed(node, caseInsensitive);
	}

	/**
	 * A parsed pattern.
	 *
	 * @param node the tree
	 * @param caseInsensitive whether it began with {@code (?i)}
	 */
	record Parsed(Node node, boolean caseInsensitive) {
	}

	private Node alternation() {
		List<Node> options = new ArrayList<>();
		options.add(concatenation());
		while (peek('|')) {
			this.position++;
			options.add(concatenation());
		}
		return (options.size() == 1) ? options.getFirst() : new Node.Alternation(options);
	}

	private Node concatenation() {
		List<Node> parts = new ArrayList<>();
		while (this.position < this.pattern.length() && !peek('|') && !peek(')')) {
			parts.add(quantified());
		}
		if (parts.isEmpty()) {
			return new Node.Empty();
		}
		return (parts.size() == 1) ? parts.getFirst() : new Node.Concat(parts);
	}

	private Node quantified() {
		int start = this.position;
		Node atom = atom();
		while (this.position < this.pattern.length()) {
			char c = this.pattern.charAt(this.position);
			int min;
			int max;
			if (c == '*') {
				min = 0;
				max = -1;
				this.position++;
			}
			else if (c == '+') {
				min = 1;
				max = -1;
				this.position++;
			}
			else if (c == '?') {
				min = 0;
				max = 1;
				this.position++;
			}
			else if (c == '{' && isRepetitionAhead()) {
				int[] bounds = repetition();
				min = bounds[0];
				max = bounds[1];
			}
			else {
				break;
			}
			if (atom instanceof Node.StartAnchor || atom instanceof Node.EndAnchor
					|| atom instanceof Node.WordBoundary) {
				throw new PatternSyntaxException("An anchor cannot be repeated", start);
			}
			if (peek('?')) {
				this.position++; // lazy: same language
			}
			else if (peek('+')) {
				throw error("Possessive quantifiers are not supported");
			}
			atom = new Node.Repeat(atom, min, max);
		}
		return atom;
	}

	private Node atom() {
		char c = this.pattern.charAt(this.position);
		switch (c) {
			case '(' -> {
				return group();
			}
			case '[' -> {
				return charClass();
			}
			case '.' -> {
				this.position++;
				return CharClasses.anyButNewline();
			}
			case '^' -> {
				return new Node.StartAnchor(this.position++);
			}
			case '$' -> {
				return new Node.EndAnchor(this.position++);
			}
			case '\\' -> {
				return escape(false);
			}
			case '*', '+', '?' -> throw error("Nothing to repeat");
			case '{' -> {
				if (isRepetitionAhead()) {
					throw error("Nothing to repeat");
				}
				this.position++;
				return new Node.Literal('{');
			}
			default -> {
				int codePoint = this.pattern.codePointAt(this.position);
				this.position += Character.charCount(codePoint);
				return new Node.Literal(codePoint);
			}
		}
	}

	private Node group() {
		int start = this.position;
		this.position++;
		if (peek('?')) {
			if (this.pattern.startsWith("?:", this.position)) {
				this.position += 2;
			}
			else if (this.pattern.startsWith("?P<", this.position) || this.pattern.startsWith("?<", this.position)) {
				if (this.pattern.startsWith("?<=", this.position) || this.pattern.startsWith("?<!", this.position)) {
					throw error("Lookbehind is not supported: matching must stay linear-time");
				}
				int close = this.pattern.indexOf('>', this.position);
				if (close < 0) {
					throw error("Unterminated group name");
				}
				this.position = close + 1;
			}
			else if (this.pattern.startsWith("?=", this.position) || this.pattern.startsWith("?!", this.position)) {
				throw error("Lookahead is not supported: matching must stay linear-time");
			}
			else if (this.pattern.startsWith("?i)", this.position)) {
				throw error("(?i) is only allowed at the very start of the pattern");
			}
			else {
				throw error("Unsupported group flag");
			}
		}
		Node inner = alternation();
		if (!peek(')')) {
			throw new PatternSyntaxException("Missing ')' for the group opened here", start);
		}
		this.position++;
		return inner;
	}

	private Node charClass() {
		int start = this.position;
		this.position++;
		boolean negated = false;
		if (peek('^')) {
			negated = true;
			this.position++;
		}
		List<int[]> ranges = new ArrayList<>();
		boolean first = true;
		while (true) {
			if (this.position >= this.pattern.length()) {
				throw new PatternSyntaxException("Missing ']' for the class opened here", start);
			}
			char c = this.pattern.charAt(this.position);
			if (c == ']' && !first) {
				this.position++;
				break;
			}
			first = false;
			if (this.pattern.startsWith("[:", this.position)) {
				int close = this.pattern.indexOf(":]", this.position + 2);
				if (close < 0) {
					throw error("Unterminated POSIX class");
				}
				String name = this.pattern.substring(this.position + 2, close);
				Node.CharClass posix = CharClasses.posix(name);
				if (posix == null) {
					throw error("Unknown POSIX class [:" + name + ":]");
				}
				CharClasses.addAll(ranges, posix);
				this.position = close + 2;
				continue;
			}
			int low;
			if (c == '\\') {
				Node escaped = escape(true);
				if (escaped instanceof Node.CharClass set) {
					CharClasses.addAll(ranges, set);
					continue;
				}
				low = ((Node.Literal) escaped).codePoint();
			}
			else {
				low = this.pattern.codePointAt(this.position);
				this.position += Character.charCount(low);
			}
			int high = low;
			if (peek('-') && this.position + 1 < this.pattern.length()
					&& this.pattern.charAt(this.position + 1) != ']') {
				this.position++;
				if (peek('\\')) {
					Node escaped = escape(true);
					if (!(escaped instanceof Node.Literal literal)) {
						throw error("A class cannot be the end of a range");
					}
					high = literal.codePoint();
				}
				else {
					high = this.pattern.codePointAt(this.position);
					this.position += Character.charCount(high);
				}
				if (high < low) {
					throw error("The range ends before it starts");
				}
			}
			ranges.add(new int[] { low, high });
		}
		Node.CharClass set = CharClasses.of(ranges);
		return negated ? CharClasses.negate(set) : set;
	}

	private Node escape(boolean inClass) {
		int start = this.position;
		this.position++;
		if (this.position >= this.pattern.length()) {
			throw new PatternSyntaxException("The pattern ends with a lone backslash", start);
		}
		char c = this.pattern.charAt(this.position++);
		return switch (c) {
			case 'd' -> CharClasses.digit();
			case 'D' -> CharClasses.negate(CharClasses.digit());
			case 'w' -> CharClasses.word();
			case 'W' -> CharClasses.negate(CharClasses.word());
			case 's' -> CharClasses.space();
			case 'S' -> CharClasses.negate(CharClasses.space());
			case 't' -> new Node.Literal('\t');
			case 'n' -> new Node.Literal('\n');
			case 'r' -> new Node.Literal('\r');
			case 'f' -> new Node.Literal('\f');
			case 'v' -> new Node.Literal(0x0b);
			case 'a' -> new Node.Literal(0x07);
			case 'x' -> new Node.Literal(hex(start));
			case 'b' -> {
				if (inClass) {
					throw new PatternSyntaxException("\\b is not allowed in a class", start);
				}
				yield new Node.WordBoundary(start);
			}
			case 'A' -> inClass ? failInClass(start) : new Node.StartAnchor(start);
			case 'z' -> inClass ? failInClass(start) : new Node.EndAnchor(start);
			case 'B' -> throw new PatternSyntaxException("\\B is not supported", start);
			case 'Q' -> throw new PatternSyntaxException("\\Q...\\E is not supported; escape each character", start);
			case 'p', 'P' -> throw new PatternSyntaxException("Unicode classes (\\p) are not supported", start);
			default -> {
				if (c >= '1' && c <= '9') {
					throw new PatternSyntaxException("Backreferences are not supported: matching must stay linear-time",
							start);
				}
				if (Character.isLetterOrDigit(c)) {
					throw new PatternSyntaxException("Unknown escape \\" + c, start);
				}
				yield new Node.Literal(c);
			}
		};
	}

	private Node failInClass(int start) {
		throw new PatternSyntaxException("Anchors are not allowed in a class", start);
	}

	private int hex(int start) {
		if (peek('{')) {
			int close = this.pattern.indexOf('}', this.position);
			if (close < 0 || close - this.position > 7) {
				throw new PatternSyntaxException("Bad \\x{...} escape", start);
			}
			String digits = this.pattern.substring(this.position + 1, close);
			this.position = close + 1;
			return parseHex(digits, start);
		}
		if (this.position + 2 > this.pattern.length()) {
			throw new PatternSyntaxException("\\x needs two hex digits", start);
		}
		String digits = this.pattern.substring(this.position, this.position + 2);
		this.position += 2;
		return parseHex(digits, start);
	}

	private static int parseHex(String digits, int start) {
		try {
			int value = Integer.parseInt(digits, 16);
			if (value > Character.MAX_CODE_POINT || digits.isEmpty()) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new PatternSyntaxException("Bad hex escape", start);
		}
	}

	private boolean isRepetitionAhead() {
		int i = this.position + 1;
		int digits = 0;
		while (i < this.pattern.length() && Character.isDigit(this.pattern.charAt(i))) {
			i++;
			digits++;
		}
		if (digits == 0 || i >= this.pattern.length()) {
			return false;
		}
		if (this.pattern.charAt(i) == '}') {
			return true;
		}
		if (this.pattern.charAt(i) != ',') {
			return false;
		}
		i++;
		while (i < this.pattern.length() && Character.isDigit(this.pattern.charAt(i))) {
			i++;
		}
		return i < this.pattern.length() && this.pattern.charAt(i) == '}';
	}

	private int[] repetition() {
		int start = this.position;
		int close = this.pattern.indexOf('}', this.position);
		String body = this.pattern.substring(this.position + 1, close);
		this.position = close + 1;
		int comma = body.indexOf(',');
		int min;
		int max;
		try {
			if (comma < 0) {
				min = Integer.parseInt(body);
				max = min;
			}
			else {
				min = Integer.parseInt(body.substring(0, comma));
				max = (comma == body.length() - 1) ? -1 : Integer.parseInt(body.substring(comma + 1));
			}
		}
		catch (NumberFormatException ex) {
			throw new PatternSyntaxException("Bad repetition count", start);
		}
		if (min > MAX_REPEAT || max > MAX_REPEAT) {
			throw new PatternSyntaxException("Repetition counts above " + MAX_REPEAT + " are not supported", start);
		}
		if (max >= 0 && max < min) {
			throw new PatternSyntaxException("The repetition's maximum is below its minimum", start);
		}
		return new int[] { min, max };
	}

	private boolean peek(char c) {
		return this.position < this.pattern.length() && this.pattern.charAt(this.position) == c;
	}

	private PatternSyntaxException error(String message) {
		return new PatternSyntaxException(message, this.position);
	}

}
