package dev.warden.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for command-service's API that many threads may share, for tests
 * that race requests.
 */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final String base;

	/**
	 * Creates a client.
	 * @param port the service's port
	 */
	public Api(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Sends a POST with a JSON body.
	 * @param path the path
	 * @param token the bearer token
	 * @param body the body, or {@code null}
	 * @param headers more headers, as name, value pairs
	 * @return the response
	 */
	public Response post(String path, String token, Object body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	/**
	 * Sends a GET.
	 * @param path the path and query
	 * @param token the bearer token
	 * @return the response
	 */
	public Response get(String path, String token) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
	}

	/**
	 * Submits a command.
	 * @param token the bearer token
	 * @param command the command line
	 * @param target the target
	 * @param headers more headers
	 * @return the response
	 */
	public Response submit(String token, String command, String target, String... headers) {
		return post("/api/v1/commands", token, Map.of("command", command, "target", target), headers);
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
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
	 * A response.
	 *
	 * @param status the status
	 * @param body the body as JSON
	 * @param headers the headers
	 */
	public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {

		/**
		 * Reads a text field of the body.
		 * @param name the field
		 * @return its value
		 */
		public String text(String name) {
			return this.body.path(name).asString();
		}

		/**
		 * Returns a header's first value.
		 * @param name the header
		 * @return its value, or {@code null}
		 */
		public @org.jspecify.annotations.Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
