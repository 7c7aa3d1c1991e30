package dev.warden.platform.security;

import java.io.IOException;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated caller who lacks the authority with 403 and a problem body.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final Problems problems;

	ProblemAccessDeniedHandler(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.problems.write(this.problems.create(ProblemTypes.FORBIDDEN, "You may not do this.", request), response,
				null);
	}

}
