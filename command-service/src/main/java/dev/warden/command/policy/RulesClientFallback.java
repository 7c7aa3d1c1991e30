package dev.warden.command.policy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/**
 * Turns every failure to get a decision into {@link PolicyUnavailableException}: there is
 * no default decision, so a command is never run because rules-service was down.
 */
@Component
class RulesClientFallback implements FallbackFactory<RulesClient> {

	private static final Logger logger = LoggerFactory.getLogger(RulesClientFallback.class);

	@Override
	public RulesClient create(Throwable cause) {
		return (question) -> {
			String reason = (cause instanceof CallNotPermittedException)
					? "rules-service is failing; its circuit breaker is open"
					: (cause instanceof java.util.concurrent.TimeoutException) ? "rules-service did not answer in time"
							: "rules-service could not be asked";
			logger.warn("No policy decision: {}", reason, cause);
			throw new PolicyUnavailableException(reason, cause);
		};
	}

}
