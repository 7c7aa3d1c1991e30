package dev.warden.command.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys ({@code warden.idempotency.*}).
 *
 * @param ttl how long a key is remembered
 * @param lease how long a request holds its key; a request that dies leaves it to a retry
 * after this
 */
@ConfigurationProperties("warden.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("3m") Duration lease) {
}
