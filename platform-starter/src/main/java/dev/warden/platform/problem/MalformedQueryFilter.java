package dev.warden.platform.problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that cannot be decoded (a {@code %} not followed by two hex
 * digits, or escapes that are not UTF-8) with a 400 problem, before anything reads a
 * parameter. Tomcat throws when such a query is first parsed, wherever that happens: in a
 * controller it became a 500, and at the gateway, inside the proxied call, it looked like
 * the service failing, so a client could count towards opening a route's breaker with
 * requests that never reached the service.
 */
final class MalformedQueryFilter extends OncePerRequestFilter {

	private final Problems problems;

	MalformedQueryFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!wellFormed(request.getQueryString())) {
			this.problems.write(this.problems.create(ProblemTypes.MALFORMED_REQUEST,
					"The query string is not well-formed: every '%' must start an escape of two hex digits, "
							+ "and the escapes must decode to UTF-8.",
					request), response, null);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Returns whether a raw query string decodes.
	 * @param query the query as sent, without the {@code ?}
	 * @return whether it has only complete escapes that decode to UTF-8
	 */
	static boolean wellFormed(@Nullable String query) {
		if (query == null || query.indexOf('%') < 0) {
			return true; // the common case, decided without copying anything
		}
		byte[] bytes = new byte[query.length()];
		int length = 0;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				int high = (i + 1 < query.length()) ? Character.digit(query.charAt(i + 1), 16) : -1;
				int low = (i + 2 < query.length()) ? Character.digit(query.charAt(i + 2), 16) : -1;
				if (high < 0 || low < 0) {
					return false;
				}
				bytes[length++] = (byte) ((high << 4) | low);
				i += 2;
			}
			else {
				bytes[length++] = (byte) c;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
