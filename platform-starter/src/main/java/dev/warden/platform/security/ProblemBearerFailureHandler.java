package dev.warden.platform.security;

import java.io.IOException;
import java.time.Duration;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a bearer token that could not be checked, as opposed to one that was refused.
 * <p>
 * When the key set cannot be fetched (auth-service down when the cached keys run out),
 * Spring Security raises an {@link AuthenticationServiceException}, which its default
 * handler rethrows: the client got a 500 with the servlet container's error body. Here it
 * gets a 503 problem with {@code Retry-After}, and the request is still refused (fail
 * closed). Every other failure is a bad token: the entry point's 401.
 */
final class ProblemBearerFailureHandler implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemBearerFailureHandler.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final AuthenticationEntryPoint entryPoint;

	private final Problems problems;

	ProblemBearerFailureHandler(AuthenticationEntryPoint entryPoint, Problems problems) {
		this.entryPoint = entryPoint;
		this.problems = problems;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof AuthenticationServiceException) {
			log.warn("A bearer token could not be checked: {}", exception.getMessage());
			this.problems.write(
					this.problems.create(ProblemTypes.SERVICE_UNAVAILABLE,
							"Access tokens cannot be checked right now; try again shortly.", request),
					response, RETRY_AFTER);
			return;
		}
		this.entryPoint.commence(request, response, exception);
	}

}
