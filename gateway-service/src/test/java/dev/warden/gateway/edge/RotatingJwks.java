package dev.warden.gateway.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import dev.warden.testsupport.TestTokens;

/**
 * Stands in for auth-service's {@code /.well-known/jwks.json}: TestTokens' key, plus keys
 * a test publishes and retires, as auth-service does when it rotates; counts its fetches.
 */
final class RotatingJwks {

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private final HttpServer server;

	RotatingJwks() {
		try {
			String testJwks = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(TestTokens.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			this.published.addAll(JWKSet.parse(testJwks).getKeys());
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/.well-known/jwks.json", (exchange) -> {
			this.fetches.incrementAndGet();
			byte[] body = new JWKSet(List.copyOf(this.published)).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	String uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json")
			.toString();
	}

	void publish(JWK key) {
		this.published.add(key.toPublicJWK());
	}

	void retire(String keyId) {
		this.published.removeIf((key) -> keyId.equals(key.getKeyID()));
	}

	int fetches() {
		return this.fetches.get();
	}

	void stop() {
		this.server.stop(0);
	}

}
