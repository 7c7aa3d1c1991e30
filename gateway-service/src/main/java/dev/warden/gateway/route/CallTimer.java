package dev.warden.gateway.route;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a route's time limit on the request's own thread. A call that has not answered
 * (status and headers) within the limit has its thread interrupted, which makes the JDK
 * HTTP client abandon the exchange.
 * <p>
 * Why not the usual tools: Resilience4j's time limiter runs every call on another thread
 * and waits for it, a thread hand-off per request that a profile of the gateway under
 * load found expensive (docs/benchmarks.md); and the HTTP client's read timeout (Spring's
 * JDK client) covers the whole exchange, body included, so it would cut a long
 * server-sent event stream from llm-proxy-service. Here, as before, the limit ends when
 * the service's status and headers are in; the body is copied afterwards without one.
 * <p>
 * One scheduler thread serves every route: a call only puts a deadline in its queue and
 * takes it out again when it returns.
 */
final class CallTimer implements AutoCloseable {

	private final ScheduledThreadPoolExecutor scheduler;

	CallTimer() {
		this.scheduler = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().daemon().name("gateway-call-timer").factory());
		// A call that returns in time cancels its deadline; drop it from the queue at
		// once instead of keeping thousands of cancelled ones until they would have
		// fired.
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Starts the clock for a call made on the current thread.
	 * @param limit how long the call may take
	 * @return the deadline, to be {@linkplain Deadline#finish() finished} when the call
	 * returns or fails, on the same thread
	 */
	Deadline start(Duration limit) {
		Deadline deadline = new Deadline(Thread.currentThread());
		deadline.timer = this.scheduler.schedule(deadline::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
		return deadline;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/** One call's deadline. */
	static final class Deadline {

		private final Thread caller;

		private volatile ScheduledFuture<?> timer;

		/** Guarded by this: whether the call finished, and whether the limit ran out. */
		private boolean finished;

		private boolean expired;

		private Deadline(Thread caller) {
			this.caller = caller;
		}

		private synchronized void expire() {
			if (!this.finished) {
				this.expired = true;
				this.caller.interrupt();
			}
		}

		/**
		 * Stops the clock. Once this returns, the calling thread will not be interrupted
		 * by this deadline any more, and an interrupt it did deliver is cleared, so that
		 * the answer (or the 504) can still be written to the client.
		 * @return whether the limit ran out before the call finished
		 */
		boolean finish() {
			ScheduledFuture<?> scheduled = this.timer;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			synchronized (this) {
				if (!this.finished) {
					this.finished = true;
					if (this.expired) {
						Thread.interrupted();
					}
				}
				return this.expired;
			}
		}

	}

}
