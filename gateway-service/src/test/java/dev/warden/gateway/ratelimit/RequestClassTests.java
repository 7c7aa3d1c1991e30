package dev.warden.gateway.ratelimit;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RequestClassTests {

	@Test
	void classifiesAuthenticationPathsAndTheirAliases() {
		for (String path : List.of("/api/v1/auth/login", "/api/v1/auth/token", "/register", "/token", "/api/auth/login",
				"/api/auth/refresh")) {
			assertThat(RequestClass.of(path)).as(path).isEqualTo(RequestClass.AUTH);
		}
	}

	@Test
	void classifiesAiPathsAndTheirAliases() {
		assertThat(RequestClass.of("/api/v1/ai/summarize")).isEqualTo(RequestClass.AI);
		assertThat(RequestClass.of("/api/ai/summarize")).isEqualTo(RequestClass.AI);
	}

	@Test
	void countsEverythingElseAsGeneralIncludingChatCompletions() {
		for (String path : List.of("/v1/chat/completions", "/api/v1/chat/completions", "/api/v1/commands",
				"/api/v1/authx", "/registered", "/api/v1/aix")) {
			assertThat(RequestClass.of(path)).as(path).isEqualTo(RequestClass.GENERAL);
		}
	}

	@Test
	void believesXForwardedForOnlyFromTrustedProxies() {
		ClientAddress addresses = new ClientAddress(List.of("10.0.0.1"));
		assertThat(addresses.of(request("192.0.2.7", "1.2.3.4"))).isEqualTo("192.0.2.7");
		assertThat(addresses.of(request("10.0.0.1", "6.6.6.6, 198.51.100.9"))).isEqualTo("198.51.100.9");
		assertThat(addresses.of(request("10.0.0.1", "198.51.100.9, 10.0.0.1"))).isEqualTo("198.51.100.9");
		assertThat(addresses.of(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
	}

	private static HttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
