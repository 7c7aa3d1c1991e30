package dev.warden.platform.security;

import java.io.IOException;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a missing or invalid token with 401, the RFC 6750 {@code WWW-Authenticate}
 * header and a problem body. Why a token was refused is not told to the client beyond RFC
 * 6750's error code.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final Problems problems;

	ProblemAuthenticationEntryPoint(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// Sets the status and the WWW-Authenticate header; the body is ours.
		this.bearer.commence(request, response, authException);
		String detail = (request.getHeader("Authorization") == null) ? "This endpoint needs a bearer token."
				: "The bearer token is not valid.";
		this.problems.write(this.problems.create(ProblemTypes.UNAUTHORIZED, detail, request), response, null);
	}

}
