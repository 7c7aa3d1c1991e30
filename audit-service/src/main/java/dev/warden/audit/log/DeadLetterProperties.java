package dev.warden.audit.log;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dead letters are replayed ({@code warden.audit.dead-letters.*}).
 *
 * @param replayTimeout how long a replay waits for Kafka to take the record, metadata
 * included, before it answers that nothing was replayed
 */
@ConfigurationProperties("warden.audit.dead-letters")
record DeadLetterProperties(@DefaultValue("10s") Duration replayTimeout) {

}
