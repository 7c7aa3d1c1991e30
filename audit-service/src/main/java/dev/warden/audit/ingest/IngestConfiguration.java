package dev.warden.audit.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.FixedBackOff;

/** The batch listener container of the ingest and its error handling. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
@EnableScheduling
class IngestConfiguration {

	static final String CONTAINER_FACTORY = "auditIngestContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> auditIngestContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			KafkaTemplate<?, ?> kafka, JdbcClient jdbc, JsonMapper json, IngestProperties properties,
			MeterRegistry meters) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(true);
		// Offsets are committed when the listener returns, after its database
		// transaction.
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		factory.getContainerProperties().setSyncCommits(true);
		DefaultErrorHandler errors = new DefaultErrorHandler(new DeadLetters(kafka, jdbc, json, meters),
				new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
		factory.setCommonErrorHandler(errors);
		return factory;
	}

}
