package dev.warden.platform.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.warden.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares Warden's topics and their dead-letter topics, so they exist with the right
 * partitions whichever service starts first, and adds Kafka to health.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(TopicProperties.class)
public class KafkaPlatformAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics wardenTopics(TopicProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.all()) {
			topics.add(TopicBuilder.name(topic)
				.partitions(properties.partitions())
				.replicas(properties.replicationFactor())
				.build());
			topics.add(TopicBuilder.name(Topics.deadLetter(topic))
				.partitions(properties.partitions())
				.replicas(properties.replicationFactor())
				.build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
		return new KafkaHealthIndicator(kafka.buildAdminProperties());
	}

}
