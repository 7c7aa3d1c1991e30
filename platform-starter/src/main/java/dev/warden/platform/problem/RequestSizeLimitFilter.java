package dev.warden.platform.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies larger than the limit with 413: at once when {@code Content-Length} says
 * so, and while reading when the body is chunked. A body that grows past the limit while
 * it is read also marks the request ({@link #exceeded}): where the read happens inside
 * other I/O (the gateway streams the body to a service) the failure surfaces as that
 * I/O's error, and the mark lets the caller still answer 413.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

	private static final String EXCEEDED = RequestSizeLimitFilter.class.getName() + ".exceeded";

	private final long maxBytes;

	private final Problems problems;

	RequestSizeLimitFilter(long maxBytes, Problems problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	/**
	 * Whether the request's body went past the limit while it was read.
	 * @param request the request
	 * @return whether the limit was exceeded
	 */
	public static boolean exceeded(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(EXCEEDED));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.problems.write(this.problems.create(ProblemTypes.PAYLOAD_TOO_LARGE,
					"The body is larger than " + this.maxBytes + " bytes.", request), response, null);
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	/** Thrown while reading a body that grows past the limit. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The body is larger than " + maxBytes + " bytes.");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.maxBytes,
						() -> setAttribute(EXCEEDED, Boolean.TRUE));
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private final Runnable onExceeded;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes, Runnable onExceeded) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
			this.onExceeded = onExceeded;
		}

		@Override
		public int read() throws IOException {
			int value = this.delegate.read();
			if (value >= 0) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws IOException {
			this.read += bytes;
			if (this.read > this.maxBytes) {
				this.onExceeded.run();
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
