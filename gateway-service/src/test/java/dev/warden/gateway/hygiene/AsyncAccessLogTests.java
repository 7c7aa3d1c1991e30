package dev.warden.gateway.hygiene;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncAccessLogTests {

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> root = new ListAppender<>();

	AsyncAccessLogTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.context.start();
		this.root.setContext(this.context);
		this.root.setName("CONSOLE");
		this.root.start();
		this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.root);
	}

	@Test
	void linesGoThroughTheRootsAppendersOnceInOrderAndNoneIsLostOnStop() throws Exception {
		AsyncAccessLog async = new AsyncAccessLog(this.context);
		async.afterSingletonsInstantiated();
		Logger access = this.context.getLogger(AccessLog.LOGGER);
		Thread request = Thread.ofVirtual().name("request-1").start(() -> {
			for (int i = 0; i < 5_000; i++) {
				access.info("{\"n\":" + i + "}");
			}
		});
		request.join();
		async.destroy();
		// Every line, once, in order, though most were still queued when stopping began.
		List<ILoggingEvent> events = List.copyOf(this.root.list);
		assertThat(events).hasSize(5_000);
		assertThat(events.get(4_999).getFormattedMessage()).isEqualTo("{\"n\":4999}");
		// Captured on the request's thread, not the writer's.
		assertThat(events.get(0).getThreadName()).isEqualTo("request-1");
		// The root's appender still serves everyone else, the access log included.
		assertThat(this.root.isStarted()).isTrue();
		access.info("after");
		assertThat(this.root.list).hasSize(5_001);
	}

	@Test
	void anAccessLoggerConfiguredExplicitlyIsLeftAlone() {
		Logger access = this.context.getLogger(AccessLog.LOGGER);
		access.setAdditive(false);
		new AsyncAccessLog(this.context).afterSingletonsInstantiated();
		assertThat(access.iteratorForAppenders().hasNext()).isFalse();
	}

}
