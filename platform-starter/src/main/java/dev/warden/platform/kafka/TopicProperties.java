package dev.warden.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event topics are created when they do not exist ({@code warden.kafka.*}).
 *
 * @param partitions partitions per topic; events of one subject always go to the same one
 * @param replicationFactor copies of each partition; 3 in production, 1 on one machine
 */
@ConfigurationProperties("warden.kafka")
public record TopicProperties(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
}
