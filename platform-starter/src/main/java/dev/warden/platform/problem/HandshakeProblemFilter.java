package dev.warden.platform.problem;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a refused WebSocket handshake into a problem. A handshake is an HTTP request, but
 * Spring's WebSocket support answers a refusal with an empty body (a handshake
 * interceptor's 401 or 403, the origin check's 403, a wrong method's 405) or a plain-text
 * one (a malformed upgrade's 400). On the endpoints it is registered for, this filter
 * holds back such an answer and writes a problem with the same status and headers
 * instead. A malformed upgrade is {@code malformed-request}, as is an unsupported
 * {@code Sec-WebSocket-Version}, whose 426 becomes 400 (RFC 6455 allows any 4xx; the
 * {@code Sec-WebSocket-Version} header naming the supported version stays). A 401 always
 * carries {@code WWW-Authenticate: Bearer}.
 * <p>
 * Whoever refuses may say why with the request attribute {@link #DETAIL}; otherwise the
 * detail is chosen by status. A response that is already a problem (Spring Security's 401
 * and 403) is left alone, and so is a successful upgrade.
 */
public final class HandshakeProblemFilter extends OncePerRequestFilter {

	/** Request attribute: the problem's detail, set by whoever refuses the handshake. */
	public static final String DETAIL = HandshakeProblemFilter.class.getName() + ".detail";

	/**
	 * After Spring Security (whose refusals are problems already), before the dispatcher.
	 */
	static final int ORDER = 0;

	private final Problems problems;

	/**
	 * Creates the filter.
	 * @param problems the problem factory
	 */
	public HandshakeProblemFilter(Problems problems) {
		this.problems = problems;
	}

	/**
	 * Registers the filter for WebSocket endpoints.
	 * @param problems the problem factory
	 * @param paths the endpoints' paths
	 * @return the registration
	 */
	public static FilterRegistrationBean<HandshakeProblemFilter> registration(Problems problems, String... paths) {
		FilterRegistrationBean<HandshakeProblemFilter> registration = new FilterRegistrationBean<>(
				new HandshakeProblemFilter(problems));
		registration.addUrlPatterns(paths);
		registration.setOrder(ORDER);
		return registration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Refusal refusal = new Refusal(response);
		chain.doFilter(request, refusal);
		if (!refusal.held() || response.isCommitted()) {
			return;
		}
		int status = refusal.status;
		ProblemType type = (status == 426) ? ProblemTypes.MALFORMED_REQUEST : ProblemTypes.forStatus(status);
		if (status == 426) {
			status = ProblemTypes.MALFORMED_REQUEST.status().value();
		}
		Object given = request.getAttribute(DETAIL);
		String detail = (given instanceof String text) ? text : detailFor(refusal.status, request);
		// Keep the headers (WWW-Authenticate, Allow, Sec-WebSocket-Version); drop the
		// body and its length.
		response.resetBuffer();
		if (response.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
			response.setContentLengthLong(-1);
		}
		if (status == 401 && response.getHeader(HttpHeaders.WWW_AUTHENTICATE) == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, hasCredentials(request)
					? "Bearer error=\"invalid_token\", error_description=\"The credentials are not valid\"" : "Bearer");
		}
		ProblemDetail problem = this.problems.create(type, detail, request);
		problem.setStatus(status);
		this.problems.write(problem, response, (status == 503) ? java.time.Duration.ofSeconds(1) : null);
	}

	private static String detailFor(int status, HttpServletRequest request) {
		return switch (status) {
			case 400 -> "This is not a valid WebSocket handshake: it needs GET with 'Connection: Upgrade', "
					+ "'Upgrade: websocket', 'Sec-WebSocket-Version: 13' and a 'Sec-WebSocket-Key'.";
			case 426 -> "Only WebSocket version 13 is supported (see the Sec-WebSocket-Version header).";
			case 401 -> hasCredentials(request) ? "The credentials in the handshake are not valid."
					: "This WebSocket needs credentials.";
			case 403 -> (request.getHeader(HttpHeaders.ORIGIN) != null)
					? "WebSocket connections from this Origin are not allowed." : "You may not open this WebSocket.";
			case 405 -> "A WebSocket handshake must use GET.";
			case 503 -> "The credentials could not be checked because a service did not answer; try again shortly.";
			default -> "The WebSocket handshake was refused.";
		};
	}

	private static boolean hasCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader("X-API-Key") != null
				|| request.getParameter("token") != null;
	}

	/**
	 * Passes a response through until its status is an error that is not a problem; from
	 * then on it swallows the body and the flushes, so the response stays uncommitted and
	 * the filter can answer.
	 */
	private static final class Refusal extends HttpServletResponseWrapper {

		private int status = HttpServletResponse.SC_OK;

		private @Nullable ServletOutputStream discard;

		Refusal(HttpServletResponse response) {
			super(response);
		}

		boolean held() {
			if (this.status < 400) {
				return false;
			}
			String type = getContentType();
			return type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type));
		}

		@Override
		public void setStatus(int sc) {
			this.status = sc;
			super.setStatus(sc);
		}

		@Override
		public void sendError(int sc) {
			setStatus(sc);
		}

		@Override
		public void sendError(int sc, String msg) {
			setStatus(sc);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (!held()) {
				return super.getOutputStream();
			}
			if (this.discard == null) {
				this.discard = new Discard();
			}
			return this.discard;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (!held()) {
				return super.getWriter();
			}
			return new PrintWriter(
					new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public void flushBuffer() throws IOException {
			if (!held()) {
				super.flushBuffer();
			}
		}

	}

	private static final class Discard extends ServletOutputStream {

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
