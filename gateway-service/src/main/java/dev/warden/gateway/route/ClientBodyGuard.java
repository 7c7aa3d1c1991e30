package dev.warden.gateway.route;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a request's body from being read after the request has ended.
 * <p>
 * The routes copy a client's body to the service on the outbound client's own thread, not
 * on the request's. When the gateway answers before that copy is done (the route's time
 * limit ran out while the client was still sending, or the call to the service failed),
 * the copy may be blocked in a read on the client's socket. Tomcat reuses the request's
 * processor, buffers included, for the next connection as soon as the request ends; a
 * read that wakes up after that (data, the client closing, Tomcat's read timeout) moves
 * the position of a buffer that now holds another client's request, which then fails to
 * parse. So the request does not end while a read is under way: once the exchange is
 * done, no new read may start, and if one is still waiting, the answer is completed (sent
 * in full) first and the request waits for that read to end. Tomcat's read timeout
 * ({@code server.tomcat.connection-timeout}) bounds that wait; a client that reads its
 * answer and closes the connection ends it at once.
 * <p>
 * A read that fails on the client's side (read timeout, connection lost, a malformed
 * chunk) is remembered ({@link #clientFailure}), so that the route answers it as the
 * client's fault instead of counting it against the service.
 */
final class ClientBodyGuard extends OncePerRequestFilter {

	private static final String CLIENT_FAILURE = ClientBodyGuard.class.getName() + ".clientFailure";

	/**
	 * How reading the client's body failed, if it did.
	 * @param request the request
	 * @return the failure, or {@code null}
	 */
	static @Nullable IOException clientFailure(HttpServletRequest request) {
		return (request.getAttribute(CLIENT_FAILURE) instanceof IOException failure) ? failure : null;
	}

	/**
	 * Whether the request announces a body, by length or by chunks.
	 * @param request the request
	 * @return whether it has a body to read
	 */
	static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		GuardedRequest guarded = new GuardedRequest(request);
		boolean completed = false;
		try {
			chain.doFilter(guarded, response);
			completed = true;
		}
		finally {
			if (completed && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new EndOnCompletion(guarded));
			}
			else {
				// After an exception the answer is not completed here: the container
				// still has to write it.
				guarded.end(completed ? response : null);
			}
		}
	}

	private static final class EndOnCompletion implements AsyncListener {

		private final GuardedRequest request;

		EndOnCompletion(GuardedRequest request) {
			this.request = request;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			// The answer is complete by now; only a read under way is left to wait for.
			this.request.end(null);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

	private static final class GuardedRequest extends HttpServletRequestWrapper {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition idle = this.lock.newCondition();

		private int reading;

		private boolean ended;

		private @Nullable ServletInputStream body;

		GuardedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			this.lock.lock();
			try {
				if (this.body == null) {
					this.body = new GuardedBody(this, super.getInputStream());
				}
				return this.body;
			}
			finally {
				this.lock.unlock();
			}
		}

		/** Counts a read in, unless the request has ended. */
		boolean enter() {
			this.lock.lock();
			try {
				if (this.ended) {
					return false;
				}
				this.reading++;
				return true;
			}
			finally {
				this.lock.unlock();
			}
		}

		void leave() {
			this.lock.lock();
			try {
				if (--this.reading == 0) {
					this.idle.signalAll();
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		void failed(IOException failure) {
			if (getAttribute(CLIENT_FAILURE) == null) {
				setAttribute(CLIENT_FAILURE, failure);
			}
		}

		/**
		 * Refuses further reads and waits for one under way, after finishing the answer
		 * (when given) so that the client has all of it meanwhile.
		 */
		void end(@Nullable HttpServletResponse response) {
			this.lock.lock();
			try {
				this.ended = true;
				if (this.reading == 0) {
					return;
				}
			}
			finally {
				this.lock.unlock();
			}
			if (response != null) {
				finish(response);
			}
			this.lock.lock();
			try {
				while (this.reading > 0) {
					// Not interruptible: giving up early is what this class prevents.
					// Tomcat's read timeout ends the read.
					this.idle.awaitUninterruptibly();
				}
			}
			finally {
				this.lock.unlock();
			}
		}

	}

	/**
	 * Completes the answer now: closing the output writes what is buffered and the last
	 * chunk. A flush alone would leave the last chunk for the end of the request, which
	 * Tomcat drops if the read still under way fails.
	 */
	private static void finish(HttpServletResponse response) {
		try {
			try {
				response.getOutputStream().close();
			}
			catch (IllegalStateException writerInUse) {
				response.getWriter().close();
			}
		}
		catch (IOException ex) {
			// The client is gone: its read is ending too.
		}
	}

	private static final class GuardedBody extends ServletInputStream {

		private final GuardedRequest request;

		private final ServletInputStream delegate;

		GuardedBody(GuardedRequest request, ServletInputStream delegate) {
			this.request = request;
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			return reading(this.delegate::read);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return reading(() -> this.delegate.read(buffer, offset, length));
		}

		@Override
		public int available() throws IOException {
			return reading(this.delegate::available);
		}

		@Override
		public void close() throws IOException {
			if (this.request.enter()) {
				try {
					this.delegate.close();
				}
				finally {
					this.request.leave();
				}
			}
		}

		@Override
		public boolean isFinished() {
			return whileOpen(this.delegate::isFinished, true);
		}

		@Override
		public boolean isReady() {
			return whileOpen(this.delegate::isReady, false);
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		/** A read of the client's body, counted in; a failure of it is the client's. */
		private int reading(Read read) throws IOException {
			if (!this.request.enter()) {
				throw new IOException("The request has ended; its body can no longer be read.");
			}
			try {
				return read.run();
			}
			catch (IOException ex) {
				this.request.failed(ex);
				throw ex;
			}
			finally {
				this.request.leave();
			}
		}

		/** A question to the stream, answered by it only while the request is open. */
		private boolean whileOpen(BooleanSupplier question, boolean whenEnded) {
			if (!this.request.enter()) {
				return whenEnded;
			}
			try {
				return question.getAsBoolean();
			}
			finally {
				this.request.leave();
			}
		}

		@FunctionalInterface
		private interface Read {

			int run() throws IOException;

		}

	}

}
