package dev.warden.gateway.route;

import java.time.Duration;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Repeats an idempotent call when the connection to the service could not be opened or
 * the service answered 503: both mean the service did nothing. Other methods go through
 * once; a POST is never repeated, it may run a command or charge credits twice. Bodies
 * are streamed and not kept, so only methods without a body are retried (see
 * {@link ResilienceProperties.Settings#retryMethods()}).
 */
final class RetryFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private final int retries;

	private final Duration backoff;

	private final Set<HttpMethod> methods;

	RetryFilter(int retries, Duration backoff, Set<HttpMethod> methods) {
		this.retries = retries;
		this.backoff = backoff;
		this.methods = methods;
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		if (this.retries <= 0 || !this.methods.contains(request.method())) {
			return next.handle(request);
		}
		Duration pause = this.backoff;
		for (int attempt = 0;; attempt++) {
			boolean last = attempt >= this.retries;
			try {
				ServerResponse response = next.handle(request);
				if (last || response.statusCode().value() != HttpStatus.SERVICE_UNAVAILABLE.value()) {
					return response;
				}
				UpstreamFailures.discard(request);
			}
			catch (Exception ex) {
				if (last || !UpstreamFailures.isConnectFailure(ex)) {
					throw ex;
				}
			}
			Thread.sleep(pause);
			pause = pause.multipliedBy(2);
		}
	}

}
