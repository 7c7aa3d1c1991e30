package dev.warden.command.policy;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How command-service asks rules-service ({@code warden.policy.*}).
 *
 * @param url rules-service's base URL
 * @param timeout the longest a decision may take; past it the command does not run
 * @param failureRateThreshold the failure percentage that opens the circuit
 * @param minimumCalls how many calls the breaker sees before it may open
 * @param openFor how long the circuit stays open before it lets a trial call through
 */
@ConfigurationProperties("warden.policy")
public record PolicyProperties(@DefaultValue("http://localhost:8083") URI url, @DefaultValue("2s") Duration timeout,
		@DefaultValue("50") float failureRateThreshold, @DefaultValue("10") int minimumCalls,
		@DefaultValue("10s") Duration openFor) {
}
