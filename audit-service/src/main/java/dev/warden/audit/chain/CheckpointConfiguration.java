package dev.warden.audit.chain;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The checkpoint topic and its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckpointProperties.class)
class CheckpointConfiguration {

	/**
	 * One partition, so that checkpoints read back in the order they were taken, and kept
	 * forever: a checkpoint that expired would anchor nothing.
	 * @param replicationFactor the platform's replication factor for Warden's topics
	 * @return the topic, created at start if missing
	 */
	@Bean
	NewTopic auditCheckpointsTopic(@Value("${warden.kafka.replication-factor:1}") short replicationFactor) {
		return TopicBuilder.name(ChainCheckpoints.TOPIC)
			.partitions(1)
			.replicas(replicationFactor)
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
			.build();
	}

}
