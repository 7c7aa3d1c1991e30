package dev.warden.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** How the routes tell what went wrong on a call to a service. */
final class UpstreamFailures {

	private UpstreamFailures() {
	}

	/**
	 * Whether the call failed before the service saw it, so that repeating it is safe for
	 * an idempotent request.
	 * @param failure the failure
	 * @return whether the connection could not be opened
	 */
	static boolean isConnectFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the failure under the wrappers the breaker and the executor add.
	 * @param failure the failure
	 * @return its cause
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof ExecutionException || current instanceof CompletionException
				|| current instanceof UpstreamCallException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Releases the connection of a service's answer the gateway will not pass on (a 503
	 * before a retry), instead of leaving it to the garbage collector.
	 * @param request the request whose call answered
	 */
	static void discard(ServerRequest request) {
		Object response = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR);
		if (response instanceof ClientHttpResponse clientResponse) {
			clientResponse.close();
			return;
		}
		Object body = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_INPUT_STREAM_ATTR);
		if (body instanceof InputStream stream) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// Nothing to release then.
			}
		}
	}

	/** A checked exception from the rest of the route, carried through the breaker. */
	static final class UpstreamCallException extends RuntimeException {

		UpstreamCallException(Exception cause) {
			super(cause);
		}

	}

	/**
	 * A service's own 502, 503 or 504: a failure for the breaker, but its answer is
	 * passed on unchanged.
	 */
	static final class FailedResponse extends RuntimeException {

		private final transient ServerResponse response;

		FailedResponse(ServerResponse response) {
			super("The service answered " + response.statusCode().value(), null, false, false);
			this.response = response;
		}

		ServerResponse response() {
			return this.response;
		}

	}

}
