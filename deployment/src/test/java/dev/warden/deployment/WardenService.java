package dev.warden.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the seven services as its own module declares it: the port and database in its
 * application.yml, and the properties its code reads.
 *
 * @param name the service's name (also its module's directory)
 * @param port {@code server.port}
 * @param database the database named by {@code spring.datasource.url}
 * @param properties what the service reads
 */
record WardenService(String name, int port, String database, PropertyCatalog properties) {

	static final List<String> NAMES = List.of("gateway-service", "auth-service", "command-service", "rules-service",
			"audit-service", "llm-proxy-service", "terminal-service");

	static List<WardenService> all() {
		return NAMES.stream().map(WardenService::load).toList();
	}

	static WardenService named(String name) {
		return load(name);
	}

	private static WardenService load(String name) {
		Path root = Repository.root();
		Path module = root.resolve(name);
		Path yml = module.resolve("src/main/resources/application.yml");
		if (!Files.exists(yml)) {
			throw new IllegalStateException("No " + yml);
		}
		Map<String, Object> defaults = Yaml.documents(yml).getFirst();
		int port = ((Number) Yaml.at(defaults, "server.port")).intValue();
		String url = (String) Yaml.at(defaults, "spring.datasource.url");
		String database = url.substring(url.lastIndexOf('/') + 1);
		PropertyCatalog properties = PropertyCatalog.of(Stream.of(module, root.resolve("platform-starter")).toList());
		return new WardenService(name, port, database, properties);
	}

}
