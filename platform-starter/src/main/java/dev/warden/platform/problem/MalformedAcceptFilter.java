package dev.warden.platform.problem;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an {@code Accept} header that is not a list of media types ({@code ***},
 * {@code application/json;q=abc}) with a 400 problem. Spring MVC cannot parse it either
 * when it writes the answer, the error included, so such a request got a 406 with an
 * empty body instead of a problem.
 */
final class MalformedAcceptFilter extends OncePerRequestFilter {

	private final Problems problems;

	MalformedAcceptFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!wellFormed(request.getHeaders(HttpHeaders.ACCEPT))) {
			this.problems.write(
					this.problems.create(ProblemTypes.MALFORMED_REQUEST,
							"The Accept header is not a list of media types such as application/json.", request),
					response, null);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Returns whether every {@code Accept} header parses as media types
	 * ({@link MediaType} throws {@code InvalidMediaTypeException}, an
	 * {@code IllegalArgumentException}, if not).
	 * @param values the header's values
	 * @return whether Spring MVC can read them
	 */
	static boolean wellFormed(Enumeration<String> values) {
		while (values.hasMoreElements()) {
			try {
				MediaType.parseMediaTypes(values.nextElement());
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return true;
	}

}
