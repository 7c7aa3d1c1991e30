package dev.warden.gateway.route;

import org.springframework.http.HttpStatus;

import dev.warden.platform.problem.ProblemType;

/** The problems only the gateway answers with (listed in docs/problems.md). */
final class GatewayProblemTypes {

	/**
	 * The service took longer than the route's time limit to start its answer. Unlike
	 * {@code service-unavailable}, the call reached the service, which may have acted on
	 * it: a client must not blindly repeat a non-idempotent request.
	 */
	static final ProblemType UPSTREAM_TIMEOUT = new ProblemType("upstream-timeout", HttpStatus.GATEWAY_TIMEOUT,
			"The service did not answer in time");

	/**
	 * The client had not sent its whole body when the route's time limit ran out. The
	 * client's doing, so the route's breaker does not count it; the service may have
	 * started on the part it got.
	 */
	static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", HttpStatus.REQUEST_TIMEOUT,
			"The request's body did not arrive in time");

	private GatewayProblemTypes() {
	}

}
