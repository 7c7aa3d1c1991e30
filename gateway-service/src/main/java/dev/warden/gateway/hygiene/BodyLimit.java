package dev.warden.gateway.hygiene;

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
 * Marks a request whose streamed body grew past the limit. The platform's
 * {@code RequestSizeLimitFilter} already refuses a declared {@code Content-Length} over
 * the limit with 413 and stops a chunked body while it is read; at the gateway the body
 * is read by the outbound client, while it streams to the service, so the failure
 * surfaces as an I/O error of the call. This filter counts the same bytes one layer below
 * and leaves a request attribute behind, which the routes turn into a 413 problem instead
 * of a 503 (and which the circuit breaker does not count against the service).
 */
public final class BodyLimit extends OncePerRequestFilter {

	private static final String EXCEEDED = BodyLimit.class.getName() + ".exceeded";

	private final long maxBytes;

	BodyLimit(long maxBytes) {
		this.maxBytes = maxBytes;
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
		chain.doFilter(new CountedRequest(request, this.maxBytes), response);
	}

	/** Thrown while reading a body that grows past the limit. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The body is larger than " + maxBytes + " bytes.");
		}

	}

	private static final class CountedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		CountedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountedInputStream(super.getInputStream(), this.maxBytes,
						() -> setAttribute(EXCEEDED, Boolean.TRUE));
			}
			return this.stream;
		}

	}

	private static final class CountedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private final Runnable onExceeded;

		private long read;

		CountedInputStream(ServletInputStream delegate, long maxBytes, Runnable onExceeded) {
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
