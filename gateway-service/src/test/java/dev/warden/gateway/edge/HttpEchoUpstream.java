package dev.warden.gateway.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/** An HTTP service behind the gateway that answers 200 and records the headers it got. */
final class HttpEchoUpstream {

	private final HttpServer server;

	private final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>(Map.of());

	private final AtomicInteger requests = new AtomicInteger();

	HttpEchoUpstream() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			Map<String, List<String>> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			this.lastHeaders.set(headers);
			exchange.getRequestBody().readAllBytes();
			byte[] body = "{\"echo\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	Map<String, List<String>> lastHeaders() {
		return this.lastHeaders.get();
	}

	int requests() {
		return this.requests.get();
	}

}
