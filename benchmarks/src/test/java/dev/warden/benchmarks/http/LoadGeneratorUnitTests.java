package dev.warden.benchmarks.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadGeneratorUnitTests {

	private final AtomicInteger served = new AtomicInteger();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void measuresOnlyAfterTheWarmUpAndCountsEveryStatus() throws Exception {
		start((exchange, n) -> answer(exchange, 201, "{\"id\":1}"));

		LoadResult result = new LoadGenerator(options(4, Set.of(201))).run();

		assertThat(result.succeeded()).isTrue();
		assertThat(result.measured()).containsOnlyKeys(201);
		assertThat(result.warmup()).containsOnlyKeys(201);
		long measured = result.measured().get(201);
		assertThat(result.requests()).isEqualTo(measured).isPositive();
		assertThat(measured + result.warmup().get(201)).isEqualTo(this.served.get());
		assertThat(result.millisAt(50)).isPositive().isLessThanOrEqualTo(result.millisAt(99));
		assertThat(result.tsv()).startsWith("RESULT\tlocal\t4\t").endsWith("\t" + measured + "\t0");
		assertThat(result.toJson()).contains("\"statuses\": {\"201\": " + measured + "}").contains("\"unexpected\": 0");
	}

	@Test
	void failsTheRunOnAnyUnexpectedStatusAndShowsItsBody() throws Exception {
		start((exchange, n) -> {
			if (n % 10 == 0) {
				answer(exchange, 503, "{\"type\":\"policy-unavailable\"}");
			}
			else {
				answer(exchange, 201, "{}");
			}
		});

		LoadResult result = new LoadGenerator(options(2, Set.of(201))).run();

		assertThat(result.succeeded()).isFalse();
		assertThat(result.unexpected()).isPositive();
		assertThat(result.failures()).isNotEmpty()
			.allSatisfy((failure) -> assertThat(failure).startsWith("503 {\"type\""));
	}

	@Test
	void countsARequestWithoutAnAnswerAsAFailure() throws Exception {
		LoadOptions options = LoadOptions.parse("--url", "http://127.0.0.1:1/nothing", "--warmup", "0", "--duration",
				"0.2", "--expect", "201", "--label", "closed");

		LoadResult result = new LoadGenerator(options).run();

		assertThat(result.succeeded()).isFalse();
		assertThat(result.measured()).containsKey(LoadGenerator.NO_ANSWER);
		assertThat(result.failures()).first().asString().startsWith("no answer");
	}

	@Test
	void parsesOptionsWithPostForABodyAndRefusesUnknownOnes() {
		LoadOptions options = LoadOptions.parse("--url", "http://localhost:1/x", "--body", "{}", "--header",
				"Authorization: Bearer abc", "--clients", "32", "--warmup", "1.5", "--expect", "201,202");

		assertThat(options.method()).isEqualTo("POST");
		assertThat(options.headers()).singleElement()
			.satisfies((header) -> assertThat(List.of(header)).containsExactly("Authorization", "Bearer abc"));
		assertThat(options.clients()).isEqualTo(32);
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(1500));
		assertThat(options.expected()).containsExactlyInAnyOrder(201, 202);
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--url", "http://x", "--rate", "5"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--clients", "2"));
	}

	private LoadOptions options(int clients, Set<Integer> expected) {
		return LoadOptions.parse("--label", "local", "--url",
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/floor").toString(), "--body",
				"{\"command\":\"echo bench\"}", "--clients", Integer.toString(clients), "--warmup", "0.3", "--duration",
				"0.5", "--expect", String.join(",", expected.stream().map(String::valueOf).toList()));
	}

	private void start(Handler handler) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/floor", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			handler.handle(exchange, this.served.incrementAndGet());
		});
		this.server.start();
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange, int n) throws IOException;

	}

}
