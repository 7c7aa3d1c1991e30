package dev.warden.gateway.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

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

}
