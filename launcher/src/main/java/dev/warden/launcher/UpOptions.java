package dev.warden.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code ./warden up}.
 *
 * @param fresh delete all data first
 * @param replicas how many copies of each service to run (1 unless given)
 * @param only run only these services (all when empty)
 * @param aot use an AOT cache, made by a training run on first use
 * @param exitWhenReady stop everything as soon as all services are ready (for
 * measurements)
 */
record UpOptions(boolean fresh, Map<String, Integer> replicas, List<ServiceSpec> only, boolean aot,
		boolean exitWhenReady) {

	/**
	 * The default for {@code --aot}; see docs/benchmarks.md for the measurement behind
	 * it.
	 */
	static final boolean AOT_BY_DEFAULT = true;

	static UpOptions parse(List<String> arguments) {
		boolean fresh = false;
		boolean aot = AOT_BY_DEFAULT;
		boolean exit = false;
		Map<String, Integer> replicas = new LinkedHashMap<>();
		List<ServiceSpec> only = new ArrayList<>();
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			String value = null;
			int equals = argument.indexOf('=');
			if (argument.startsWith("--") && equals > 0) {
				value = argument.substring(equals + 1);
				argument = argument.substring(0, equals);
			}
			switch (argument) {
				case "--fresh" -> fresh = true;
				case "--aot" -> aot = true;
				case "--no-aot" -> aot = false;
				case "--exit-when-ready" -> exit = true;
				case "--replicas" -> {
					value = (value != null) ? value : next(arguments, ++i, "--replicas");
					parseReplicas(value, replicas);
				}
				case "--only" -> {
					value = (value != null) ? value : next(arguments, ++i, "--only");
					for (String name : value.split(",")) {
						only.add(service(name.trim()));
					}
				}
				default -> throw new LauncherException("Unknown option '" + argument + "'. " + Warden.USAGE);
			}
		}
		return new UpOptions(fresh, Map.copyOf(replicas), List.copyOf(only), aot, exit);
	}

	List<ServiceSpec> services() {
		return this.only.isEmpty() ? ServiceSpec.ALL : ServiceSpec.ALL.stream().filter(this.only::contains).toList();
	}

	int replicasOf(ServiceSpec service) {
		return this.replicas.getOrDefault(service.name(), 1);
	}

	private static void parseReplicas(String value, Map<String, Integer> replicas) {
		for (String pair : value.split(",")) {
			String[] parts = pair.split("=");
			if (parts.length != 2) {
				throw new LauncherException("--replicas takes service=count pairs, for example command-service=2");
			}
			ServiceSpec service = service(parts[0].trim());
			try {
				int count = Integer.parseInt(parts[1].trim());
				if (count < 1 || count > 9) {
					throw new NumberFormatException();
				}
				replicas.put(service.name(), count);
			}
			catch (NumberFormatException ex) {
				throw new LauncherException("The replica count of " + service.name() + " must be 1 to 9");
			}
		}
	}

	private static ServiceSpec service(String name) {
		return ServiceSpec.named(name)
			.orElseThrow(() -> new LauncherException("No service called '" + name + "'. Services: "
					+ String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::name).toList())));
	}

	private static String next(List<String> arguments, int index, String option) {
		if (index >= arguments.size()) {
			throw new LauncherException(option + " needs a value");
		}
		return arguments.get(index);
	}

}
