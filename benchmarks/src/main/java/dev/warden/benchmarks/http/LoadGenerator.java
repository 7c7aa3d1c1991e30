package dev.warden.benchmarks.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator: each of N clients, a virtual thread, sends a
 * request, waits for its answer and sends the next one, over a keep-alive connection of
 * one shared {@link HttpClient}. The clients send for a warm-up period first, then for a
 * measured period in which every request's latency goes into an HdrHistogram. A request
 * counts in the measured period if it was sent in it.
 * <p>
 * Closed-loop means the load adapts to the server: a slow answer delays that client's
 * next request, so the latencies are what a client waiting for each answer sees, and the
 * throughput is what N such clients get. Every status outside {@code --expect}, and every
 * failed or timed-out request, in warm-up or measurement, is counted, reported, and fails
 * the run (exit status 1).
 * <p>
 * Run it from the shaded jar:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.http.LoadGenerator --url ...}.
 */
public final class LoadGenerator {

	/** Status recorded for a request that got no answer (refused, reset, timed out). */
	static final int NO_ANSWER = 0;

	/** The longest latency the histogram holds exactly; longer ones count as this. */
	static final long MAX_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

	private static final int KEPT_FAILURES = 5;

	private static final int FAILURE_BODY_CHARS = 300;

	private final LoadOptions options;

	private final HttpClient http;

	LoadGenerator(LoadOptions options) {
		this.options = options;
		// HTTP/1.1 on purpose: the default would offer an h2c upgrade on the first
		// request.
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public static void main(String[] args) throws Exception {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.err.printf("%s: %d client(s), %s warm-up, %s measured%n", options.label(), options.clients(),
				options.warmup(), options.duration());
		LoadResult result = new LoadGenerator(options).run();
		System.err.println(result.summary());
		if (options.json() != null) {
			Files.createDirectories(options.json().toAbsolutePath().getParent());
			Files.writeString(options.json(), result.toJson(), StandardCharsets.UTF_8);
		}
		System.out.println(result.tsv());
		if (!result.succeeded()) {
			System.err.println("FAILED: " + options.label() + ": " + result.unexpected()
					+ " request(s) had a status other than " + options.expected() + " or no answer; see above");
			System.exit(1);
		}
	}

	LoadResult run() throws InterruptedException {
		HttpRequest request = request();
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		long measureFrom = start + this.options.warmup().toNanos();
		long end = measureFrom + this.options.duration().toNanos();
		List<Client> clients = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < this.options.clients(); i++) {
				Client client = new Client(request, measureFrom, end);
				clients.add(client);
				threads.submit(client);
			}
		}
		Histogram latencies = new Histogram(MAX_MICROS, 3);
		Map<Integer, Long> measured = new TreeMap<>();
		Map<Integer, Long> warmup = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		for (Client client : clients) {
			latencies.add(client.latencies);
			client.measured.forEach((status, count) -> measured.merge(status, count, Long::sum));
			client.warmup.forEach((status, count) -> warmup.merge(status, count, Long::sum));
			client.failures.stream().limit(KEPT_FAILURES - failures.size()).forEach(failures::add);
		}
		return new LoadResult(this.options, startedAt, latencies, measured, warmup, failures);
	}

	private HttpRequest request() {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.options.url()).timeout(this.options.timeout());
		String body = this.options.body();
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		for (String[] header : this.options.headers()) {
			builder.header(header[0], header[1]);
		}
		HttpRequest.BodyPublisher publisher = (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody();
		return builder.method(this.options.method(), publisher).build();
	}

	/** One closed-loop client; its state is its own until the run ends. */
	private final class Client implements Runnable {

		private final HttpRequest request;

		private final long measureFrom;

		private final long end;

		private final Histogram latencies = new Histogram(MAX_MICROS, 3);

		private final Map<Integer, Long> measured = new TreeMap<>();

		private final Map<Integer, Long> warmup = new TreeMap<>();

		private final List<String> failures = new ArrayList<>();

		Client(HttpRequest request, long measureFrom, long end) {
			this.request = request;
			this.measureFrom = measureFrom;
			this.end = end;
		}

		@Override
		public void run() {
			HttpClient http = LoadGenerator.this.http;
			while (true) {
				long sent = System.nanoTime();
				if (sent >= this.end) {
					return;
				}
				int status;
				String failure = null;
				try {
					HttpResponse<byte[]> response = http.send(this.request, HttpResponse.BodyHandlers.ofByteArray());
					status = response.statusCode();
					if (!LoadGenerator.this.options.expected().contains(status)) {
						failure = status + " " + abbreviate(new String(response.body(), StandardCharsets.UTF_8));
					}
				}
				catch (IOException ex) {
					status = NO_ANSWER;
					failure = "no answer: " + ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long micros = (System.nanoTime() - sent) / 1000;
				if (sent >= this.measureFrom) {
					this.latencies.recordValue(Math.min(micros, MAX_MICROS));
					this.measured.merge(status, 1L, Long::sum);
				}
				else {
					this.warmup.merge(status, 1L, Long::sum);
				}
				if (failure != null && this.failures.size() < KEPT_FAILURES) {
					this.failures.add(failure);
				}
			}
		}

		private static String abbreviate(String text) {
			String line = text.replaceAll("\\s+", " ").trim();
			return (line.length() <= FAILURE_BODY_CHARS) ? line : line.substring(0, FAILURE_BODY_CHARS) + "…";
		}

	}

}
