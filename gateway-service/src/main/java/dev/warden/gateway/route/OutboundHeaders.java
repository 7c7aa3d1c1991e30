package dev.warden.gateway.route;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.warden.platform.observability.RequestIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The headers the gateway adds to every call it forwards.
 * <ul>
 * <li>{@code X-Request-Id}: the id the platform's request id filter accepted or made up
 * for this request, so one id follows the request through every service.</li>
 * <li>Trace context ({@code traceparent}, ...): the gateway's current span, so the
 * service's spans are its children, whatever the client sent.</li>
 * <li>{@code X-Forwarded-For/Proto/Host/Port}: replaced, never appended to what the
 * client sent. The client's address is {@code getRemoteAddr()}, which Tomcat takes from a
 * client's {@code X-Forwarded-For} only when the direct peer is a trusted proxy
 * ({@code server.tomcat.remoteip.internal-proxies}, empty at the gateway by
 * default).</li>
 * </ul>
 * The first two are read from thread-bound state (the MDC, the current span): the call
 * runs on the request's own thread, time limit included ({@link CallTimer}). They are set
 * here, on the copy of the headers the proxy sends anyway, rather than in a route filter
 * that would copy the whole request once more.
 */
final class OutboundHeaders implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	static final String X_FORWARDED_PORT = "X-Forwarded-Port";

	private static final List<String> CLIENT_FORWARDING_HEADERS = List.of(X_FORWARDED_FOR, X_FORWARDED_PROTO,
			X_FORWARDED_HOST, X_FORWARDED_PORT, "X-Forwarded-Prefix", "Forwarded");

	// Resolved once, on first use: a bean factory lookup per forwarded request costs tens
	// of microseconds.
	private final Supplier<Optional<Tracer>> tracer;

	private final Supplier<Optional<Propagator>> propagator;

	OutboundHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = SingletonSupplier.of(() -> Optional.ofNullable(tracer.getIfAvailable()));
		this.propagator = SingletonSupplier.of(() -> Optional.ofNullable(propagator.getIfAvailable()));
	}

	private void traceContext(HttpHeaders headers) {
		Tracer current = this.tracer.get().orElse(null);
		Propagator propagation = this.propagator.get().orElse(null);
		if (current == null || propagation == null) {
			return;
		}
		Span span = current.currentSpan();
		if (span == null) {
			return;
		}
		propagation.fields().forEach(headers::remove);
		propagation.inject(span.context(), headers, (carrier, key, value) -> carrier.set(key, value));
	}

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		HttpServletRequest servlet = request.servletRequest();
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		CLIENT_FORWARDING_HEADERS.forEach(headers::remove);
		headers.set(X_FORWARDED_FOR, servlet.getRemoteAddr());
		headers.set(X_FORWARDED_PROTO, servlet.getScheme());
		String host = servlet.getHeader(HttpHeaders.HOST);
		if (host != null) {
			headers.set(X_FORWARDED_HOST, host);
		}
		headers.set(X_FORWARDED_PORT, Integer.toString(servlet.getServerPort()));
		String requestId = MDC.get(RequestIds.MDC_KEY);
		headers.set(RequestIds.HEADER,
				(requestId != null) ? requestId : RequestIds.accept(input.getFirst(RequestIds.HEADER)));
		traceContext(headers);
		return headers;
	}

	@Override
	public int getOrder() {
		// After the gateway's own filters (order 0) that drop untrusted forwarding
		// headers.
		return 100;
	}

}
