package dev.warden.gateway.hygiene;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Writes the access log's lines ({@link AccessLog#LOGGER}) through logback
 * {@link AsyncAppender}s in front of the root logger's appenders, so that formatting the
 * log event and writing it out happen on logback's worker thread, not on the request's.
 * The line itself (and the request id, trace ids and thread name it carries) is captured
 * when the request ends.
 * <p>
 * No line is lost: the queue never drops events (no discarding threshold, the request
 * waits when the queue is full rather than dropping its line), and stopping the appender
 * (when the gateway stops, after the last request, or when logback shuts down) writes out
 * what is still queued. Other loggers are left as they are; with logback absent this does
 * nothing.
 */
final class AsyncAccessLog implements SmartInitializingSingleton, DisposableBean {

	private static final String NAME_PREFIX = "ACCESS_LOG_ASYNC_";

	/** Lines that may wait; a burst larger than this slows the requests down, no more. */
	private static final int QUEUE_SIZE = 8192;

	/** How long stopping may take to write out the queued lines. */
	private static final int MAX_FLUSH_MILLIS = 10_000;

	private final List<AsyncAppender> added = new ArrayList<>();

	private final ILoggerFactory factory;

	private @Nullable Logger logger;

	AsyncAccessLog() {
		this(LoggerFactory.getILoggerFactory());
	}

	AsyncAccessLog(ILoggerFactory factory) {
		this.factory = factory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!(this.factory instanceof LoggerContext context)) {
			return;
		}
		Logger access = context.getLogger(AccessLog.LOGGER);
		if (!access.isAdditive() || access.iteratorForAppenders().hasNext()) {
			// Configured explicitly (or by another application context in this JVM):
			// left alone.
			return;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		List<Appender<ILoggingEvent>> targets = new ArrayList<>();
		for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
			targets.add(it.next());
		}
		if (targets.isEmpty()) {
			return;
		}
		for (Appender<ILoggingEvent> target : targets) {
			AsyncAppender async = new AsyncAppender();
			async.setContext(context);
			async.setName(NAME_PREFIX + target.getName());
			async.setQueueSize(QUEUE_SIZE);
			async.setDiscardingThreshold(0);
			async.setNeverBlock(false);
			async.setIncludeCallerData(false);
			async.setMaxFlushTime(MAX_FLUSH_MILLIS);
			async.addAppender(new Forwarding(context, target));
			async.start();
			access.addAppender(async);
			this.added.add(async);
		}
		access.setAdditive(false);
		this.logger = access;
	}

	@Override
	public void destroy() {
		Logger access = this.logger;
		if (access == null) {
			return;
		}
		// Back to the root's appenders first, so that nothing logged from now on is lost;
		// then stopping each appender writes out its queue.
		access.setAdditive(true);
		for (AsyncAppender async : this.added) {
			access.detachAppender(async);
			async.stop();
		}
		this.added.clear();
		this.logger = null;
	}

	/**
	 * Hands the events on to one of the root's appenders. An {@link AsyncAppender} stops
	 * the appender it holds when it stops itself; this one stops alone, so that the
	 * root's appender goes on serving every other logger.
	 */
	private static final class Forwarding extends UnsynchronizedAppenderBase<ILoggingEvent> {

		private final Appender<ILoggingEvent> target;

		Forwarding(LoggerContext context, Appender<ILoggingEvent> target) {
			this.target = target;
			setContext(context);
			setName("forward-to-" + target.getName());
			start();
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.target.doAppend(event);
		}

	}

}
