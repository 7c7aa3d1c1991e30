package dev.warden.gateway.route;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import dev.warden.platform.problem.ProblemType;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import dev.warden.platform.problem.RequestSizeLimitFilter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Runs a route's call through its Resilience4j circuit breaker and time limit
 * ({@link CallTimer}), both on the request's own thread. Failures are connection errors,
 * the time limit and the service's own 502/503/504; what the client did wrong (a body
 * over the limit) is not. The answer when the call cannot be made is a problem:
 * <ul>
 * <li>breaker open or service unreachable: 503 {@code service-unavailable} with
 * {@code Retry-After}, nothing was done;</li>
 * <li>time limit reached: 504 {@code upstream-timeout}, the service may have acted;</li>
 * <li>time limit reached while the client's body was still arriving: 408
 * {@code request-timeout}, not counted, so that a client sending slowly cannot open the
 * breaker for everyone;</li>
 * <li>the client's body could not be read ({@link ClientBodyGuard}): 408
 * {@code request-timeout} after Tomcat's read timeout, 400 {@code malformed-request}
 * otherwise, not counted either;</li>
 * <li>the service's own 502/503/504: passed on as it is.</li>
 * </ul>
 * The time limit covers the call up to the service's status and headers; a streamed body
 * (server-sent events) is copied afterwards, outside the breaker, and is not cut.
 */
final class ResilienceFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final Logger logger = LoggerFactory.getLogger(ResilienceFilter.class);

	private static final Set<Integer> FAILURE_STATUSES = Set.of(502, 503, 504);

	/** How long a client should wait after the service could not be reached. */
	private static final Duration UNREACHABLE_RETRY_AFTER = Duration.ofSeconds(5);

	private final GatewayRoute route;

	private final CircuitBreaker breaker;

	private final Duration timeout;

	private final CallTimer timer;

	private final Duration openRetryAfter;

	private final Problems problems;

	ResilienceFilter(GatewayRoute route, CircuitBreaker breaker, Duration timeout, CallTimer timer,
			Duration openRetryAfter, Problems problems) {
		this.route = route;
		this.breaker = breaker;
		this.timeout = timeout;
		this.timer = timer;
		this.openRetryAfter = openRetryAfter;
		this.problems = problems;
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		try {
			// On the request's own thread: the breaker counts the outcome, the timer
			// enforces the limit (CallTimer says why no time limiter thread).
			return this.breaker.executeCallable(() -> timed(request, next));
		}
		catch (Exception ex) {
			return fallback(request, ex);
		}
	}

	private ServerResponse timed(ServerRequest request, HandlerFunction<ServerResponse> next) throws TimeoutException {
		CallTimer.Deadline deadline = this.timer.start(this.timeout);
		try {
			return call(request, next);
		}
		catch (UpstreamFailures.FailedResponse answered) {
			// The service did answer (502/503/504), even if at the limit: passed on.
			throw answered;
		}
		catch (RuntimeException ex) {
			if (deadline.finish()) {
				if (bodyStillArriving(request.servletRequest())) {
					// The gateway was still waiting for the client, not for the service:
					// answered here, so the breaker does not count it.
					return problem(ProblemTypes.REQUEST_TIMEOUT,
							"The body did not arrive within the route's time limit.", request, null);
				}
				// The failure is how the interrupted call ended: report the time limit.
				TimeoutException timeout = new TimeoutException("No answer within " + this.timeout);
				timeout.initCause(ex);
				throw timeout;
			}
			throw ex;
		}
		finally {
			// An answer that came in just at the limit is passed on.
			deadline.finish();
		}
	}

	private ServerResponse call(ServerRequest request, HandlerFunction<ServerResponse> next) {
		ServerResponse response;
		try {
			response = next.handle(request);
		}
		catch (Exception ex) {
			if (RequestSizeLimitFilter.exceeded(request.servletRequest())) {
				// The client's fault, not the service's: answered here so that the
				// breaker does not count it.
				return problem(ProblemTypes.PAYLOAD_TOO_LARGE, "The body is larger than this gateway accepts.", request,
						null);
			}
			IOException clientFailure = ClientBodyGuard.clientFailure(request.servletRequest());
			if (clientFailure != null) {
				// Reading the client's body failed, not calling the service.
				return clientBodyFailure(clientFailure, request);
			}
			if (causedBy(ex, InvalidParameterException.class)) {
				// Tomcat could not parse the form body's parameters (a broken escape, too
				// many of them) while the proxy read them: the client's fault too.
				return problem(ProblemTypes.MALFORMED_REQUEST,
						"The parameters could not be read: an escape is not well-formed or there are too many.",
						request, null);
			}
			throw (ex instanceof RuntimeException runtime) ? runtime : new UpstreamFailures.UpstreamCallException(ex);
		}
		if (FAILURE_STATUSES.contains(response.statusCode().value())) {
			throw new UpstreamFailures.FailedResponse(response);
		}
		return response;
	}

	/**
	 * Whether the request has a body the client has not finished sending. A body the
	 * service stopped reading looks the same; it is not counted either, which errs on the
	 * side of the shared breaker.
	 */
	private static boolean bodyStillArriving(HttpServletRequest request) {
		if (!ClientBodyGuard.hasBody(request)) {
			return false;
		}
		try {
			return !request.getInputStream().isFinished();
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	private ServerResponse clientBodyFailure(IOException failure, ServerRequest request) {
		if (causedBy(failure, SocketTimeoutException.class)) {
			return problem(ProblemTypes.REQUEST_TIMEOUT,
					"The body stopped arriving for longer than the gateway waits for a client.", request, null);
		}
		return problem(ProblemTypes.MALFORMED_REQUEST,
				"The body could not be read: the connection failed or the body is not well-formed.", request, null);
	}

	private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private ServerResponse fallback(ServerRequest request, Throwable thrown) {
		Throwable failure = UpstreamFailures.unwrap(thrown);
		if (failure instanceof UpstreamFailures.FailedResponse failed) {
			return failed.response();
		}
		String service = this.route.service() + "-service";
		if (failure instanceof CallNotPermittedException) {
			return problem(ProblemTypes.SERVICE_UNAVAILABLE,
					service + " is failing; the gateway stops calling it for a while.", request, this.openRetryAfter);
		}
		if (failure instanceof TimeoutException) {
			logger.warn("Route {}: {} did not answer within the time limit", this.route.id(), service);
			return problem(GatewayProblemTypes.UPSTREAM_TIMEOUT, service + " did not answer in time.", request, null);
		}
		logger.warn("Route {}: {} could not be called: {}", this.route.id(), service, failure.toString());
		return problem(ProblemTypes.SERVICE_UNAVAILABLE, service + " cannot be reached.", request,
				UNREACHABLE_RETRY_AFTER);
	}

	private ServerResponse problem(ProblemType type, String detail, ServerRequest request,
			@Nullable Duration retryAfter) {
		ProblemDetail problem = this.problems.create(type, detail, request.servletRequest());
		problem.setProperty("route", this.route.id());
		ServerResponse.BodyBuilder response = ServerResponse.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(problem);
	}

}
