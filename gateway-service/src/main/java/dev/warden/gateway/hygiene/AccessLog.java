package dev.warden.gateway.hygiene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.platform.observability.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One JSON line per request on the logger {@value #LOGGER}: method, path (never the
 * query, which may carry a token), route id, status, duration, user id when
 * authenticated, client address, request id, and the bytes received and sent. The line is
 * the log event's message, so it is valid JSON whatever the log format; switch it off
 * with {@code warden.gateway.access-log.enabled=false} or by turning the logger off.
 */
public final class AccessLog extends OncePerRequestFilter {

	/** The logger the lines are written to. */
	public static final String LOGGER = "warden.gateway.access";

	/** The request attribute the routes put their id in. */
	public static final String ROUTE_ATTRIBUTE = AccessLog.class.getName() + ".route";

	/** The request attribute the security chain puts the authenticated user id in. */
	static final String USER_ATTRIBUTE = AccessLog.class.getName() + ".user";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private final JsonMapper json;

	AccessLog(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!logger.isInfoEnabled()) {
			chain.doFilter(request, response);
			return;
		}
		long start = System.nanoTime();
		CountingResponse counting = new CountingResponse(response);
		try {
			chain.doFilter(request, counting);
		}
		finally {
			logger.info(line(request, response, counting.written(), (System.nanoTime() - start) / 1_000_000));
		}
	}

	private String line(HttpServletRequest request, HttpServletResponse response, long written, long millis) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("method", request.getMethod());
		fields.put("path", request.getRequestURI());
		fields.put("route", request.getAttribute(ROUTE_ATTRIBUTE));
		fields.put("status", response.getStatus());
		fields.put("duration_ms", millis);
		fields.put("user_id", request.getAttribute(USER_ATTRIBUTE));
		fields.put("client", request.getRemoteAddr());
		String requestId = response.getHeader(RequestIds.HEADER);
		fields.put("request_id", (requestId != null) ? requestId : MDC.get(RequestIds.MDC_KEY));
		long received = request.getContentLengthLong();
		fields.put("bytes_in", Math.max(received, 0));
		fields.put("bytes_out", (written > 0) ? written : Math.max(contentLength(response), 0));
		return this.json.writeValueAsString(fields);
	}

	private static long contentLength(HttpServletResponse response) {
		String value = response.getHeader("Content-Length");
		try {
			return (value != null) ? Long.parseLong(value) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Counts the body bytes written through the response's output stream. */
	private static final class CountingResponse extends HttpServletResponseWrapper {

		private @Nullable CountingStream stream;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getOutputStream());
			}
			return this.stream;
		}

		long written() {
			return (this.stream != null) ? this.stream.count : 0;
		}

	}

	private static final class CountingStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private long count;

		CountingStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			this.delegate.write(buffer, offset, length);
			this.count += length;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
