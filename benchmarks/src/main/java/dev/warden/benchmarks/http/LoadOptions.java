package dev.warden.benchmarks.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one load run does.
 *
 * @param label the name the run is reported under
 * @param url where every request goes
 * @param method the HTTP method
 * @param body the request body, sent as JSON, if any
 * @param headers extra request headers, as name and value pairs
 * @param clients how many clients send requests at once, each waiting for its answer
 * before sending the next
 * @param warmup how long the clients send before anything is measured
 * @param duration how long the measured period lasts
 * @param expected the statuses that count as success; any other fails the run
 * @param timeout how long one request may take before it counts as an error
 * @param json where to write the result as JSON, if anywhere
 */
record LoadOptions(String label, URI url, String method, @Nullable String body, List<String[]> headers, int clients,
		Duration warmup, Duration duration, Set<Integer> expected, Duration timeout, @Nullable Path json) {

	static final String USAGE = """
			usage: java -cp benchmarks.jar dev.warden.benchmarks.http.LoadGenerator --url URL [options]
			  --label NAME          name of the run in the report (default: the URL)
			  --method METHOD       default POST with --body, GET without
			  --body JSON           request body, sent with Content-Type: application/json
			  --header 'Name: v'    an extra header; repeatable
			  --clients N           concurrent closed-loop clients (default 1)
			  --warmup SECONDS      sending before measuring (default 10)
			  --duration SECONDS    measured period (default 20)
			  --expect 201[,200]    statuses that count as success (default 200)
			  --timeout SECONDS     per request (default 10)
			  --json FILE           write the result, with the encoded histogram, as JSON""";

	LoadOptions {
		if (clients < 1) {
			throw new IllegalArgumentException("--clients must be at least 1");
		}
		if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
			throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
		}
		if (expected.isEmpty()) {
			throw new IllegalArgumentException("--expect needs at least one status");
		}
		headers = List.copyOf(headers);
		expected = Set.copyOf(expected);
	}

	static LoadOptions parse(String... arguments) {
		String label = null;
		URI url = null;
		String method = null;
		String body = null;
		List<String[]> headers = new ArrayList<>();
		int clients = 1;
		Duration warmup = Duration.ofSeconds(10);
		Duration duration = Duration.ofSeconds(20);
		Set<Integer> expected = new LinkedHashSet<>(Set.of(200));
		Duration timeout = Duration.ofSeconds(10);
		Path json = null;
		for (int i = 0; i < arguments.length; i++) {
			String option = arguments[i];
			String value = (i + 1 < arguments.length) ? arguments[i + 1] : null;
			if (value == null) {
				throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
			}
			i++;
			switch (option) {
				case "--label" -> label = value;
				case "--url" -> url = URI.create(value);
				case "--method" -> method = value.toUpperCase();
				case "--body" -> body = value;
				case "--header" -> {
					int colon = value.indexOf(':');
					if (colon < 1) {
						throw new IllegalArgumentException("--header wants 'Name: value', not '" + value + "'");
					}
					headers.add(new String[] { value.substring(0, colon).trim(), value.substring(colon + 1).trim() });
				}
				case "--clients" -> clients = Integer.parseInt(value);
				case "--warmup" -> warmup = seconds(value);
				case "--duration" -> duration = seconds(value);
				case "--expect" -> {
					expected.clear();
					for (String status : value.split(",")) {
						expected.add(Integer.parseInt(status.trim()));
					}
				}
				case "--timeout" -> timeout = seconds(value);
				case "--json" -> json = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option '" + option + "'\n" + USAGE);
			}
		}
		if (url == null) {
			throw new IllegalArgumentException("--url is required\n" + USAGE);
		}
		return new LoadOptions((label != null) ? label : url.toString(), url,
				(method != null) ? method : ((body != null) ? "POST" : "GET"), body, headers, clients, warmup, duration,
				expected, timeout, json);
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

}
