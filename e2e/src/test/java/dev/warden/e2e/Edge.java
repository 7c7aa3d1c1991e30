package dev.warden.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP client of the gateway. Every journey goes through it, with the headers a real
 * client sends: {@code Authorization: Bearer}, or seed 000's {@code X-API-Key}.
 */
final class Edge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	Edge(int port) {
		this.base = "http://localhost:" + port;
	}

	String base() {
		return this.base;
	}

	/** Credentials as a header pair: a bearer token. */
	static String[] bearer(String token) {
		return new String[] { "Authorization", "Bearer " + token };
	}

	/** Credentials as a header pair: seed 000's API key header. */
	static String[] apiKey(String key) {
		return new String[] { "X-API-Key", key };
	}

	Response get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	/**
	 * Registers a user through seed 001's {@code /register} and signs in with
	 * {@code /token} (the password grant, as a form), as a seed 001 client does.
	 * @param username the new user's name
	 * @param password a password the policy accepts
	 * @return the access token
	 */
	String registerAndSignIn(String username, String password) {
		Response registered = post("/register",
				Map.of("username", username, "email", username + "@example.com", "password", password));
		assertThat(registered.status()).as(registered.toString()).isBetween(200, 202);
		Response token = form("/token", Map.of("grant_type", "password", "username", username, "password", password));
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		return token.text("access_token");
	}

	Response post(String path, Object body, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	Response form(String path, Map<String, String> fields, String... headers) {
		String form = fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body;
			try {
				body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
			}
			catch (RuntimeException notJson) {
				body = JSON.getNodeFactory().stringNode(response.body());
			}
			return new Response(response.statusCode(), body, response.headers().map());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer of the gateway.
	 *
	 * @param status the HTTP status
	 * @param body the body as JSON (a text node when it is not JSON)
	 * @param headers the headers
	 */
	record Response(int status, JsonNode body, Map<String, List<String>> headers) {

		String text(String field) {
			return this.body.path(field).asString();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
