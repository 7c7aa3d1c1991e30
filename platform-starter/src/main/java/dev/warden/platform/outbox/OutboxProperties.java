package dev.warden.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay works ({@code warden.outbox.*}).
 *
 * @param relayEnabled whether this instance relays events to Kafka
 * @param pollInterval how often the relay looks for events nobody told it about
 * @param batchSize how many events one relay round publishes at most
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch
 * @param initialBackoff the first pause after a failed round; it doubles up to the
 * maximum
 * @param maxBackoff the longest pause between failed rounds
 * @param retention how long published events are kept for inspection
 * @param linger how long the relay waits after being woken, so that the events of
 * transactions committing together share one Kafka transaction
 */
@ConfigurationProperties("warden.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("2000") int batchSize, @DefaultValue("15s") Duration sendTimeout,
		@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("7d") Duration retention, @DefaultValue("20ms") Duration linger) {
}
