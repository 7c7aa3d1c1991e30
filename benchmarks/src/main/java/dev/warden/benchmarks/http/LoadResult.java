package dev.warden.benchmarks.http;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one load run.
 *
 * @param options what was run
 * @param startedAt when the warm-up began
 * @param latencies every measured request's latency, in microseconds
 * @param measured how many measured requests ended with each status
 * ({@link LoadGenerator#NO_ANSWER} for none)
 * @param warmup the same for the warm-up
 * @param failures the first few unexpected answers, for the report
 */
record LoadResult(LoadOptions options, Instant startedAt, Histogram latencies, Map<Integer, Long> measured,
		Map<Integer, Long> warmup, List<String> failures) {

	LoadResult {
		measured = Map.copyOf(measured);
		warmup = Map.copyOf(warmup);
		failures = List.copyOf(failures);
	}

	long requests() {
		return this.latencies.getTotalCount();
	}

	double requestsPerSecond() {
		return requests() / (this.options.duration().toNanos() / 1e9);
	}

	double millisAt(double percentile) {
		return this.latencies.getValueAtPercentile(percentile) / 1000.0;
	}

	double maxMillis() {
		return this.latencies.getMaxValue() / 1000.0;
	}

	/**
	 * Counts the requests, in warm-up and measurement, that did not end with an expected
	 * status.
	 * @return how many
	 */
	long unexpected() {
		return unexpectedIn(this.measured) + unexpectedIn(this.warmup);
	}

	boolean succeeded() {
		return unexpected() == 0 && requests() > 0;
	}

	String summary() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT,
				"%s, %d client(s): %d requests in %.1f s = %.1f/s; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, "
						+ "p99.9 %.3f ms, max %.3f ms; statuses %s (warm-up %s)",
				this.options.label(), this.options.clients(), requests(), this.options.duration().toMillis() / 1000.0,
				requestsPerSecond(), millisAt(50), millisAt(90), millisAt(99), millisAt(99.9), maxMillis(),
				statuses(this.measured), statuses(this.warmup)));
		for (String failure : this.failures) {
			text.append(System.lineSeparator()).append("  unexpected: ").append(failure);
		}
		return text.toString();
	}

	/**
	 * One tab-separated line for scripts: {@code RESULT}, label, clients, p50, p90, p99
	 * and max in milliseconds, requests per second, measured requests, unexpected
	 * requests.
	 * @return the line
	 */
	String tsv() {
		return String.join("\t", "RESULT", this.options.label(), Integer.toString(this.options.clients()),
				millis(millisAt(50)), millis(millisAt(90)), millis(millisAt(99)), millis(maxMillis()),
				String.format(Locale.ROOT, "%.1f", requestsPerSecond()), Long.toString(requests()),
				Long.toString(unexpected()));
	}

	String toJson() {
		ByteBuffer buffer = ByteBuffer.allocate(this.latencies.getNeededByteBufferCapacity());
		int length = this.latencies.encodeIntoCompressedByteBuffer(buffer);
		String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
		return """
				{
				  "label": %s,
				  "url": %s,
				  "method": %s,
				  "clients": %d,
				  "warmupSeconds": %s,
				  "durationSeconds": %s,
				  "startedAt": %s,
				  "requests": %d,
				  "requestsPerSecond": %.2f,
				  "latencyMillis": {"p50": %s, "p90": %s, "p99": %s, "p99.9": %s, "max": %s, "mean": %s},
				  "statuses": %s,
				  "warmupStatuses": %s,
				  "expected": %s,
				  "unexpected": %d,
				  "failures": [%s],
				  "javaVersion": %s,
				  "availableProcessors": %d,
				  "histogramMicrosCompressedBase64": %s
				}
				""".formatted(quote(this.options.label()), quote(this.options.url().toString()),
				quote(this.options.method()), this.options.clients(), seconds(this.options.warmup().toMillis()),
				seconds(this.options.duration().toMillis()), quote(this.startedAt.toString()), requests(),
				requestsPerSecond(), millis(millisAt(50)), millis(millisAt(90)), millis(millisAt(99)),
				millis(millisAt(99.9)), millis(maxMillis()), millis(this.latencies.getMean() / 1000.0),
				jsonCounts(this.measured), jsonCounts(this.warmup), this.options.expected().stream().sorted().toList(),
				unexpected(), this.failures.stream().map(LoadResult::quote).collect(Collectors.joining(", ")),
				quote(Runtime.version().toString()), Runtime.getRuntime().availableProcessors(), quote(encoded));
	}

	private long unexpectedIn(Map<Integer, Long> counts) {
		return counts.entrySet()
			.stream()
			.filter((entry) -> !this.options.expected().contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static String statuses(Map<Integer, Long> counts) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> ((entry.getKey() == LoadGenerator.NO_ANSWER) ? "no answer" : entry.getKey()) + "×"
					+ entry.getValue())
			.collect(Collectors.joining(" ", "[", "]"));
	}

	private static String jsonCounts(Map<Integer, Long> counts) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> quote((entry.getKey() == LoadGenerator.NO_ANSWER) ? "noAnswer" : entry.getKey().toString())
					+ ": " + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

	private static String millis(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	static String quote(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
