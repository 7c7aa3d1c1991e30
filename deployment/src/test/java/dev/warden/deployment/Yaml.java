package dev.warden.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML (all documents, merge keys resolved) into plain maps and lists. */
final class Yaml {

	private Yaml() {
	}

	static List<Map<String, Object>> documents(String text) {
		org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml.loadAll(text)) {
			if (document instanceof Map<?, ?> map) {
				documents.add(cast(map));
			}
		}
		return documents;
	}

	static List<Map<String, Object>> documents(Path file) {
		try {
			return documents(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	/** The value at a dotted path of map keys, or null. */
	static Object at(Map<String, Object> root, String path) {
		Object current = root;
		for (String key : path.split("\\.")) {
			current = map(current).get(key);
			if (current == null) {
				return null;
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
