package dev.warden.gateway.hygiene;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the security headers on every answer of the edge, its own and the services' alike,
 * before anything else can answer (a 401, a 404, a 413). The edge owns these headers: a
 * service's or Spring Security's value for them is ignored, so a client never sees two
 * different policies.
 * <p>
 * API answers get a content security policy that allows nothing at all; they are JSON and
 * never rendered. Swagger UI ({@code /docs}, {@code /swagger-ui/**}) gets one that allows
 * its own scripts, styles and calls to the same origin, and nothing from elsewhere.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
			+ "form-action 'self'";

	private static final Map<String, String> FIXED = Map.of("Strict-Transport-Security",
			"max-age=31536000; includeSubDomains", "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
			"Referrer-Policy", "no-referrer");

	private static final String CSP = "Content-Security-Policy";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		FIXED.forEach(response::setHeader);
		response.setHeader(CSP, isSwaggerUi(request.getRequestURI()) ? DOCS_POLICY : API_POLICY);
		chain.doFilter(request, new OwnedHeaders(response));
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// The headers are already set on the response the error page writes into.
		return true;
	}

	static boolean isSwaggerUi(String path) {
		return path.equals("/docs") || path.equals("/docs/") || path.startsWith("/swagger-ui/")
				|| path.equals("/swagger-ui.html");
	}

	private static boolean owned(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("content-security-policy") || lower.equals("strict-transport-security")
				|| lower.equals("x-content-type-options") || lower.equals("x-frame-options")
				|| lower.equals("referrer-policy")
				// Set by the platform's request id filter before this one; a service
				// echoes the same id, which would only duplicate the header.
				|| lower.equals("x-request-id");
	}

	private static final class OwnedHeaders extends HttpServletResponseWrapper {

		OwnedHeaders(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!owned(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!owned(name)) {
				super.addHeader(name, value);
			}
		}

	}

}
