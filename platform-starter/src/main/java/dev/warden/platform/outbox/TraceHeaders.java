package dev.warden.platform.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Captures the current trace context as headers when an event is written, so the relay
 * can send them with the event long after the request has ended and the consumer
 * continues the same trace.
 */
final class TraceHeaders {

	/** The MDC key and the header that carry the request id. */
	static final String REQUEST_ID = "requestId";

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	TraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	Map<String, String> capture() {
		Map<String, String> headers = new LinkedHashMap<>();
		Span span = currentSpan();
		Propagator current = this.propagator.getIfAvailable();
		if (span != null && current != null) {
			current.inject(span.context(), headers, Map::put);
		}
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			headers.put("X-Request-Id", requestId);
		}
		return headers;
	}

	@Nullable String traceId() {
		Span span = currentSpan();
		return (span != null) ? span.context().traceId() : null;
	}

	private @Nullable Span currentSpan() {
		Tracer current = this.tracer.getIfAvailable();
		return (current != null) ? current.currentSpan() : null;
	}

}
