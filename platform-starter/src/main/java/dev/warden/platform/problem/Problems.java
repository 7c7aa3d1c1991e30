package dev.warden.platform.problem;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details the same way wherever an error is answered: in controllers, in
 * the security filters and in the servlet container's error page.
 */
public final class Problems {

	/** The extension member that carries the trace id, so a client can quote it. */
	public static final String TRACE_ID = "traceId";

	private final ObjectProvider<Tracer> tracer;

	private final JsonMapper jsonMapper;

	/**
	 * Creates the factory.
	 * @param tracer the tracer, when tracing is on
	 * @param jsonMapper the mapper that writes problem bodies outside Spring MVC
	 */
	public Problems(ObjectProvider<Tracer> tracer, JsonMapper jsonMapper) {
		this.tracer = tracer;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Builds a problem.
	 * @param type the kind of problem
	 * @param detail a sentence about this occurrence
	 * @param request the request that failed, or {@code null}
	 * @return the problem
	 */
	public ProblemDetail create(ProblemType type, @Nullable String detail, @Nullable HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(type.status());
		problem.setType(type.uri());
		problem.setTitle(type.title());
		problem.setDetail(detail);
		if (request != null) {
			problem.setInstance(instanceOf(request));
		}
		String traceId = currentTraceId();
		if (traceId != null) {
			problem.setProperty(TRACE_ID, traceId);
		}
		return problem;
	}

	/**
	 * Builds a problem from a {@link ProblemException}.
	 * @param exception the exception
	 * @param request the request that failed
	 * @return the problem
	 */
	public ProblemDetail create(ProblemException exception, @Nullable HttpServletRequest request) {
		ProblemDetail problem = create(exception.type(), exception.getMessage(), request);
		for (Map.Entry<String, Object> property : exception.properties().entrySet()) {
			problem.setProperty(property.getKey(), property.getValue());
		}
		return problem;
	}

	/**
	 * Writes a problem straight to a servlet response, for errors raised outside Spring
	 * MVC.
	 * @param problem the problem
	 * @param response the response, not yet committed
	 * @param retryAfter a {@code Retry-After} delay, or {@code null}
	 * @throws java.io.IOException if the response cannot be written
	 */
	public void write(ProblemDetail problem, HttpServletResponse response, @Nullable Duration retryAfter)
			throws java.io.IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * Returns the id of the current trace, if there is one.
	 * @return the trace id or {@code null}
	 */
	public @Nullable String currentTraceId() {
		Tracer current = this.tracer.getIfAvailable();
		if (current == null) {
			return null;
		}
		Span span = current.currentSpan();
		return (span != null) ? span.context().traceId() : null;
	}

	private static URI instanceOf(HttpServletRequest request) {
		Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
		String path = (original instanceof String uri) ? uri : request.getRequestURI();
		try {
			// Only the path is echoed back, never the query, which may carry a token.
			return new URI(null, null, path, null);
		}
		catch (java.net.URISyntaxException ex) {
			return URI.create("/");
		}
	}

}
