package dev.warden.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway, for tests: records every request it receives (method, raw
 * path, raw query, headers, body) and answers with an echo of it, unless the path asks
 * for a failure ({@code .../always-503}, {@code .../flaky}, {@code .../slow}) or a stream
 * ({@code POST /v1/chat/completions} with {@code "stream":true}).
 */
final class StubService implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String name;

	private final HttpServer server;

	private final BlockingDeque<Recorded> requests = new LinkedBlockingDeque<>();

	private final AtomicInteger flakyCalls = new AtomicInteger();

	private volatile CountDownLatch streamGate = new CountDownLatch(1);

	private volatile CountDownLatch uploadStarted = new CountDownLatch(1);

	StubService(String name) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	String name() {
		return this.name;
	}

	/** Forgets what was received and resets the failure counters. */
	void reset() {
		this.requests.clear();
		this.flakyCalls.set(0);
		this.streamGate = new CountDownLatch(1);
		this.uploadStarted = new CountDownLatch(1);
	}

	/**
	 * Signalled when a request to {@code .../upload-stream} has delivered its first
	 * bytes, before the rest of its body.
	 * @return the latch
	 */
	CountDownLatch uploadStarted() {
		return this.uploadStarted;
	}

	List<Recorded> received() {
		return List.copyOf(this.requests);
	}

	@Nullable Recorded last() {
		return this.requests.peekLast();
	}

	/** Lets a stream that waits for the client's first read go on. */
	void openStreamGate() {
		this.streamGate.countDown();
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (exchange.getRequestURI().getPath().endsWith("/answers-before-reading")) {
			// Refuses at once, without reading the body, as a service that checks the
			// headers first may.
			this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), new Headers(exchange.getRequestHeaders()), ""));
			try (exchange) {
				problem(exchange, 401);
			}
			return;
		}
		byte[] body;
		try {
			if (exchange.getRequestURI().getPath().endsWith("/upload-stream")) {
				// Reads the first bytes, says so, then the rest: a gateway that buffers
				// the body would deliver nothing before the client has sent everything.
				int first = exchange.getRequestBody().read();
				this.uploadStarted.countDown();
				byte[] rest = exchange.getRequestBody().readAllBytes();
				body = new byte[rest.length + 1];
				body[0] = (byte) first;
				System.arraycopy(rest, 0, body, 1, rest.length);
			}
			else {
				body = exchange.getRequestBody().readAllBytes();
			}
		}
		catch (IOException ex) {
			exchange.close();
			return;
		}
		URI uri = exchange.getRequestURI();
		Recorded recorded = new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
				new Headers(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8));
		this.requests.add(recorded);
		try (exchange) {
			String path = recorded.path();
			if (path.endsWith("/always-503")) {
				problem(exchange, 503);
			}
			else if (path.endsWith("/flaky")) {
				if (this.flakyCalls.incrementAndGet() <= 2) {
					problem(exchange, 503);
				}
				else {
					echo(exchange, recorded);
				}
			}
			else if (path.endsWith("/slow")) {
				sleep(Duration.ofSeconds(3));
				echo(exchange, recorded);
			}
			else if (path.equals("/v1/chat/completions") && recorded.body().contains("\"stream\":true")) {
				stream(exchange);
			}
			else {
				echo(exchange, recorded);
			}
		}
	}

	private void echo(HttpExchange exchange, Recorded recorded) throws IOException {
		Map<String, @Nullable Object> echo = new LinkedHashMap<>();
		echo.put("service", this.name);
		echo.put("method", recorded.method());
		echo.put("path", recorded.path());
		echo.put("query", recorded.query());
		echo.put("body", recorded.body());
		byte[] bytes = json.writeValueAsBytes(echo);
		// A service's own policies, which the edge replaces by its own.
		exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
		exchange.getResponseHeaders().set("Content-Security-Policy", "default-src *");
		// Like every service, it echoes the request id.
		String requestId = recorded.header("X-Request-Id");
		if (requestId != null) {
			exchange.getResponseHeaders().set("X-Request-Id", requestId);
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void problem(HttpExchange exchange, int status) throws IOException {
		byte[] bytes = ("{\"type\":\"https://warden.dev/problems/service-unavailable\",\"status\":" + status
				+ ",\"detail\":\"stub\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Server-sent events: one event, then a wait for the client to have read it (a
	 * buffering gateway would never deliver it, and the stream says so), then the rest
	 * after longer than the route's time limit.
	 */
	private void stream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write("data: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			boolean read = await(this.streamGate);
			if (!read) {
				out.write("data: not-streamed\n\n".getBytes(StandardCharsets.UTF_8));
			}
			sleep(Duration.ofMillis(1500));
			out.write("data: {\"n\":2}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request as the service received it. */
	record Recorded(String method, String path, @Nullable String query, Headers headers, String body) {

		@Nullable String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
