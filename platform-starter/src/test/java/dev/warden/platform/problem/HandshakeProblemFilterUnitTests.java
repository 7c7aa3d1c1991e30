package dev.warden.platform.problem;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring's WebSocket handshake does on a refusal (a status, perhaps a plain-text
 * body, then a flush), and what the client gets through the filter.
 */
class HandshakeProblemFilterUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HandshakeProblemFilter filter = new HandshakeProblemFilter(
			new Problems(new DefaultListableBeanFactory().getBeanProvider(Tracer.class), JSON));

	@Test
	void anEmptyOriginRefusalBecomesAForbiddenProblem() throws Exception {
		MockHttpServletRequest request = handshake();
		request.addHeader("Origin", "https://evil.example");
		MockHttpServletResponse response = run(request, (req, res) -> {
			((HttpServletResponse) res).setStatus(403);
			res.flushBuffer();
		});
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.BASE_URI + "forbidden");
		assertThat(problem.path("detail").asString()).contains("Origin");
		assertThat(problem.path("instance").asString()).isEqualTo("/ws/agents");
	}

	@Test
	void aPlainTextMalformedUpgradeBecomesAMalformedRequestProblem() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/agents");
		MockHttpServletResponse response = run(request, (req, res) -> {
			((HttpServletResponse) res).setStatus(400);
			res.getOutputStream().write("Can \"Upgrade\" only to \"WebSocket\".".getBytes(StandardCharsets.UTF_8));
			res.flushBuffer();
		});
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).doesNotContain("Can \"Upgrade\"");
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.BASE_URI + "malformed-request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
	}

	@Test
	void aRefusedCredentialIsA401WithABearerChallengeAndTheRefusersDetail() throws Exception {
		MockHttpServletRequest request = handshake();
		request.addHeader("Authorization", "Bearer nonsense");
		MockHttpServletResponse response = run(request, (req, res) -> {
			req.setAttribute(HandshakeProblemFilter.DETAIL, "The credentials in the handshake are not valid.");
			((HttpServletResponse) res).setStatus(401);
			res.flushBuffer();
		});
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.BASE_URI + "unauthorized");
		assertThat(problem.path("detail").asString()).isEqualTo("The credentials in the handshake are not valid.");
	}

	@Test
	void anUnsupportedVersionIsA400ThatKeepsTheSupportedVersionHeader() throws Exception {
		MockHttpServletResponse response = run(handshake(), (req, res) -> {
			((HttpServletResponse) res).setStatus(426);
			((HttpServletResponse) res).setHeader("Sec-WebSocket-Version", "13");
			res.flushBuffer();
		});
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getHeader("Sec-WebSocket-Version")).isEqualTo("13");
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.BASE_URI + "malformed-request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
	}

	@Test
	void leavesAProblemAndASuccessfulUpgradeAlone() throws Exception {
		MockHttpServletResponse problem = run(handshake(), (req, res) -> {
			((HttpServletResponse) res).setStatus(401);
			res.setContentType("application/problem+json");
			res.getOutputStream().write("{\"detail\":\"theirs\"}".getBytes(StandardCharsets.UTF_8));
			res.flushBuffer();
		});
		assertThat(problem.getContentAsString()).isEqualTo("{\"detail\":\"theirs\"}");
		MockHttpServletResponse upgraded = run(handshake(), (req, res) -> {
			((HttpServletResponse) res).setStatus(101);
			res.flushBuffer();
		});
		assertThat(upgraded.getStatus()).isEqualTo(101);
		assertThat(upgraded.getContentAsString()).isEmpty();
	}

	private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		return response;
	}

	private static MockHttpServletRequest handshake() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/agents");
		request.setRequestURI("/ws/agents");
		request.addHeader("Connection", "Upgrade");
		request.addHeader("Upgrade", "websocket");
		request.addHeader("Sec-WebSocket-Version", "13");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		return request;
	}

}
