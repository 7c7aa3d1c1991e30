package dev.warden.gateway.route;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 for the paths that exist on the gateway itself but must not be reachable
 * from outside, before authentication: {@code /internal/**} (service-to-service calls,
 * which the platform would otherwise answer with 401 or 403 and so reveal) and every
 * actuator endpoint except health, info and the Prometheus scrape. The services' own
 * {@code /internal/**} and {@code /actuator/**} are never routed at all.
 */
final class UnroutedPathsFilter extends OncePerRequestFilter {

	private static final Set<String> OPEN_ACTUATOR = Set.of("/actuator/health", "/actuator/info",
			"/actuator/prometheus");

	private final Problems problems;

	UnroutedPathsFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hidden(request.getRequestURI())) {
			this.problems.write(
					this.problems.create(ProblemTypes.NOT_FOUND, "There is nothing at this address.", request),
					response, null);
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean hidden(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.equals("/internal") || lower.startsWith("/internal/") || lower.startsWith("/internal;")) {
			return true;
		}
		if (lower.equals("/actuator") || lower.startsWith("/actuator/") || lower.startsWith("/actuator;")) {
			return !(OPEN_ACTUATOR.contains(lower) || lower.startsWith("/actuator/health/"));
		}
		return false;
	}

}
