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

	private GatewayProblemTypes() {
	}

}
