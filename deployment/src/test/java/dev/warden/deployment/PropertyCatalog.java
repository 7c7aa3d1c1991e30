package dev.warden.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The properties a service reads, found in its sources, so that a deployment file that
 * sets a variable nobody reads (a typo, a renamed property, {@code LLM_PROXY} where
 * Spring Boot expects {@code LLMPROXY}) fails a test instead of being silently ignored.
 * <p>
 * Sources: the keys of the module's {@code application*.yml}; the components of every
 * {@code @ConfigurationProperties} record (nested records of the same file, lists and
 * maps of them included); every {@code ${...}} placeholder in the code; and the few
 * Spring Boot properties a deployment sets ({@link #BOOT}). Each is compared in the form
 * Spring Boot maps environment variables to: dots become underscores, dashes go, upper
 * case, and a list index {@code [0]} becomes {@code _0}.
 */
final class PropertyCatalog {

	/** Spring Boot's own properties that deployments set; Boot binds them itself. */
	static final Set<String> BOOT = Set.of("server.port", "spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "spring.kafka.bootstrap-servers", "spring.profiles.active");

	/** Read by the JVM, not by Spring. */
	static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

	private static final Pattern PROPERTIES_RECORD = Pattern.compile(
			"@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([^\"]+)\"\\s*\\)[^;{]*?record\\s+(\\w+)\\s*\\(");

	private static final Pattern NESTED_RECORD = Pattern.compile("record\\s+(\\w+)\\s*\\(");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9.\\-\\[\\]]+)[:}]");

	private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\((?:[^()]|\\([^()]*\\))*\\))?");

	private final Set<String> exact = new LinkedHashSet<>();

	private final List<Pattern> patterns = new ArrayList<>();

	private PropertyCatalog() {
	}

	static PropertyCatalog of(List<Path> modules) {
		PropertyCatalog catalog = new PropertyCatalog();
		BOOT.forEach(catalog::add);
		for (Path module : modules) {
			catalog.scanYaml(module.resolve("src/main/resources"));
			catalog.scanSources(module.resolve("src/main/java"));
		}
		return catalog;
	}

	/** Whether an environment variable sets a property the service reads. */
	boolean reads(String variable) {
		return JVM.contains(variable) || this.exact.contains(variable)
				|| this.patterns.stream().anyMatch((pattern) -> pattern.matcher(variable).matches());
	}

	static String environmentForm(String property) {
		return legacyEnvironmentForm(property.replace("-", ""));
	}

	static String legacyEnvironmentForm(String property) {
		return property.replace("[", "_").replace("]", "").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	private void add(String property) {
		if (property.contains("[*]") || property.endsWith(".*")) {
			String marked = property.replace("[*]", "\u0000").replace(".*", "\u0001");
			this.patterns.add(pattern(environmentForm(marked)));
			this.patterns.add(pattern(legacyEnvironmentForm(marked)));
		}
		else {
			this.exact.add(environmentForm(property));
			this.exact.add(legacyEnvironmentForm(property));
		}
	}

	private static Pattern pattern(String marked) {
		return Pattern
			.compile(Pattern.quote(marked).replace("\u0000", "\\E_\\d+\\Q").replace("\u0001", "\\E_[A-Z0-9_]+\\Q"));
	}

	private void scanYaml(Path resources) {
		for (Path file : files(resources, ".yml")) {
			for (Map<String, Object> document : Yaml.documents(file)) {
				flatten("", document);
			}
		}
	}

	private void flatten(String prefix, Object value) {
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				flatten(prefix.isEmpty() ? entry.getKey().toString() : prefix + "." + entry.getKey(), entry.getValue());
			}
		}
		else if (value instanceof List<?> list) {
			add(prefix);
			for (Object element : list) {
				flatten(prefix + "[*]", element);
			}
		}
		else {
			add(prefix);
		}
	}

	private void scanSources(Path sources) {
		for (Path file : files(sources, ".java")) {
			String source = read(file);
			Matcher placeholders = PLACEHOLDER.matcher(source);
			while (placeholders.find()) {
				add(placeholders.group(1));
			}
			Matcher records = PROPERTIES_RECORD.matcher(source);
			while (records.find()) {
				addComponents(source, records.end(), records.group(1), 0);
			}
		}
	}

	/** Adds the components of the record whose parameter list starts at {@code start}. */
	private void addComponents(String source, int start, String prefix, int depth) {
		if (depth > 4) {
			return;
		}
		for (String component : components(source, start)) {
			String declaration = ANNOTATION.matcher(component).replaceAll(" ").trim().replaceAll("\\s+", " ");
			int space = declaration.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			String type = declaration.substring(0, space).replace("final ", "").trim();
			String property = prefix + "." + kebab(declaration.substring(space + 1));
			add(property);
			Matcher list = Pattern.compile("(?:List|Set|Collection)<\\s*(\\w+)\\s*>").matcher(type);
			Matcher map = Pattern.compile("Map<\\s*\\w+\\s*,\\s*(\\w+)\\s*>").matcher(type);
			if (list.matches()) {
				addNested(source, list.group(1), property + "[*]", depth);
				add(property + "[*]");
			}
			else if (map.matches()) {
				add(property + ".*");
				addNested(source, map.group(1), property + ".*", depth);
			}
			else {
				addNested(source, type, property, depth);
			}
		}
	}

	private void addNested(String source, String type, String prefix, int depth) {
		Matcher nested = NESTED_RECORD.matcher(source);
		while (nested.find()) {
			if (nested.group(1).equals(type)) {
				addComponents(source, nested.end(), prefix, depth + 1);
				return;
			}
		}
	}

	/** Splits a record's parameter list at its top-level commas. */
	private static List<String> components(String source, int start) {
		List<String> components = new ArrayList<>();
		int depth = 0;
		StringBuilder current = new StringBuilder();
		for (int i = start; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '(' || c == '<' || c == '{' || c == '[') {
				depth++;
			}
			else if ((c == ')' || c == '>' || c == '}' || c == ']') && depth > 0) {
				depth--;
			}
			else if (c == ')') {
				components.add(current.toString());
				return components;
			}
			else if (c == ',' && depth == 0) {
				components.add(current.toString());
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		return components;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static List<Path> files(Path directory, String suffix) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
