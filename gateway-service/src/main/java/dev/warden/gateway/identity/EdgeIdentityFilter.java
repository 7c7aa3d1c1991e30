package dev.warden.gateway.identity;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every request meets, ahead of Spring Security: removes the identity
 * headers a client sent ({@link IdentityHeaders}) and turns an API key into a JWT.
 * <p>
 * A key arrives as {@code X-API-Key: <key>} (seed 000's clients) or as
 * {@code Authorization: Bearer <key>} where the value is not shaped like a JWT (OpenAI
 * SDKs send it so). It is exchanged at auth-service (cached briefly) and the request goes
 * on with {@code Authorization: Bearer <exchanged JWT>} and no {@code X-API-Key}, so
 * Spring Security checks the exchanged token like any other and the services behind the
 * gateway only ever see JWTs. An unknown key is a 401 problem; auth-service unreachable
 * is a 503 problem; neither request goes any further.
 */
public class EdgeIdentityFilter extends OncePerRequestFilter {

	/** Ahead of Spring Security's filter chain (-100). */
	public static final int ORDER = -110;

	/**
	 * Request attribute holding the API key a request was exchanged for, so that the
	 * WebSocket relay can renew a long-lived connection's token. Never logged or
	 * forwarded.
	 */
	public static final String API_KEY_ATTRIBUTE = EdgeIdentityFilter.class.getName() + ".apiKey";

	/** Three base64url segments: the shape of a compact JWS. */
	private static final int MAX_KEY_LENGTH = 200;

	private final ApiKeyExchange keys;

	private final Problems problems;

	EdgeIdentityFilter(ApiKeyExchange keys, Problems problems) {
		this.keys = keys;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = apiKeyOf(request);
		if (key == null) {
			chain.doFilter(new EdgeRequest(request, null), response);
			return;
		}
		Optional<ExchangedKey> exchanged;
		try {
			exchanged = (key.isEmpty() || key.length() > MAX_KEY_LENGTH) ? Optional.empty() : this.keys.exchange(key);
		}
		catch (ProblemException ex) {
			this.problems.write(this.problems.create(ex, request), response, null);
			return;
		}
		if (exchanged.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"The API key is not valid\"");
			this.problems.write(this.problems.create(ProblemTypes.UNAUTHORIZED, "The API key is not valid.", request),
					response, null);
			return;
		}
		request.setAttribute(API_KEY_ATTRIBUTE, key);
		chain.doFilter(new EdgeRequest(request, "Bearer " + exchanged.get().accessToken()), response);
	}

	/**
	 * Returns the API key a request carries, if any.
	 * @param request the request
	 * @return the key, or {@code null} when the request carries a JWT or nothing
	 */
	static @Nullable String apiKeyOf(HttpServletRequest request) {
		String header = request.getHeader(IdentityHeaders.API_KEY);
		if (header != null) {
			return header.strip();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String value = authorization.substring(7).strip();
			if (!isJwt(value)) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Tells whether a credential is shaped like a compact JWT rather than an API key.
	 * @param value the credential
	 * @return whether it looks like a JWT
	 */
	public static boolean isJwt(String value) {
		// A hand-written scan rather than a regular expression: it runs on every request,
		// over the whole token (docs/benchmarks.md, the gateway section).
		int dots = 0;
		int segmentLength = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '.') {
				if (segmentLength == 0 || ++dots > 2) {
					return false;
				}
				segmentLength = 0;
			}
			else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-') {
				segmentLength++;
			}
			else {
				return false;
			}
		}
		// header.payload.signature; the signature may be empty (an unsigned token).
		return dots == 2;
	}

	/** The request without client identity headers, and with the exchanged token. */
	private static final class EdgeRequest extends HttpServletRequestWrapper {

		private final @Nullable String authorization;

		EdgeRequest(HttpServletRequest request, @Nullable String authorization) {
			super(request);
			this.authorization = authorization;
		}

		@Override
		public @Nullable String getHeader(String name) {
			if (IdentityHeaders.isStripped(name)) {
				return null;
			}
			if (this.authorization != null && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
				return this.authorization;
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (IdentityHeaders.isStripped(name)) {
				return Collections.emptyEnumeration();
			}
			if (this.authorization != null && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
				return Collections.enumeration(List.of(this.authorization));
			}
			return super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames())
				.stream()
				.filter((name) -> !IdentityHeaders.isStripped(name))
				.collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
			if (this.authorization != null
					&& names.stream().noneMatch((name) -> HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name))) {
				names.add(HttpHeaders.AUTHORIZATION);
			}
			return Collections.enumeration(names);
		}

		@Override
		public long getDateHeader(String name) {
			return IdentityHeaders.isStripped(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return IdentityHeaders.isStripped(name) ? -1 : super.getIntHeader(name);
		}

	}

}
