package dev.warden.auth;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Calls auth-service the way its clients do, for the integration tests. */
public final class AuthHttp {

	private final RestTestClient http;

	public AuthHttp(RestTestClient http) {
		this.http = http;
	}

	public RestTestClient client() {
		return this.http;
	}

	/** Signs in with the OAuth2 password grant and returns the token response. */
	public JsonNode passwordGrant(String username, String password) {
		return token(Map.of("grant_type", "password", "username", username, "password", password));
	}

	public JsonNode token(Map<String, String> fields) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		fields.forEach(form::add);
		return this.http.post()
			.uri("/api/v1/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

	public void register(String username, String email, String password) {
		this.http.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "email", email, "password", password))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

	/** Registers a user and signs them in. */
	public JsonNode registerAndSignIn(String username, String password) {
		register(username, username + "@example.com", password);
		return passwordGrant(username, password);
	}

	/**
	 * Gets a service token with the client-credentials grant, as a test-configured
	 * service.
	 */
	public String serviceToken(String clientId) {
		return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
				clientId + "-test-secret"))
			.get("access_token")
			.asString();
	}

	public static String bearer(JsonNode tokens) {
		return "Bearer " + tokens.get("access_token").asString();
	}

	public static String bearer(String accessToken) {
		return "Bearer " + accessToken;
	}

	public RestTestClient.ResponseSpec get(String path, String authorization) {
		return this.http.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

}
