package dev.warden.audit.chain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chain is anchored outside PostgreSQL ({@code warden.audit.checkpoints.*}).
 *
 * @param enabled whether checkpoints are published and compared by verify
 * @param interval how often the head of the chain is published, when it moved
 * @param chain the name checkpoints are published under; it comes from configuration, not
 * from the database, so that someone who can rewrite the database cannot rename the chain
 * away from its checkpoints
 * @param readTimeout how long verify waits for the checkpoint topic before it answers
 * that it could not compare
 */
@ConfigurationProperties("warden.audit.checkpoints")
record CheckpointProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("warden") String chain, @DefaultValue("10s") Duration readTimeout) {

}
