package dev.warden.command.policy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * rules-service's evaluation endpoint, with this service's own view of its answer. Calls
 * go through a circuit breaker and a time limit ({@link PolicyClientConfiguration}); any
 * failure ends in {@link RulesClientFallback}, which fails closed.
 */
@FeignClient(name = RulesClient.NAME, url = "${warden.policy.url}", fallbackFactory = RulesClientFallback.class)
interface RulesClient {

	/** The client's name, which is also its circuit breaker's. */
	String NAME = "rules-service";

	@PostMapping("/internal/v1/evaluate")
	Answer evaluate(@RequestBody Question question);

	record Question(String command, Set<String> roles, String userId) {
	}

	record Answer(String decision, List<Match> matches, int cost, long policyVersion, String explanation,
			@Nullable List<String> concerns) {
	}

	record Match(UUID ruleId, String ruleName, int ruleVersion, String action, String segment) {
	}

}
