package dev.warden.platform.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.warden.platform.security.CurrentActor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox table (migrated into the {@code platform} schema before the service's own
 * migrations), the {@link Outbox} that writes it and the relay that empties it.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	/** The schema that holds the platform's tables, apart from each service's own. */
	public static final String PLATFORM_SCHEMA = "platform";

	/**
	 * Migrates the platform's schema with its own history table, then the service's
	 * schema. Two histories keep the platform's versions from ever colliding with a
	 * service's.
	 * @return the strategy
	 */
	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy platformFirstMigrationStrategy() {
		return (flyway) -> {
			Flyway.configure(flyway.getConfiguration().getClassLoader())
				.configuration(flyway.getConfiguration())
				.schemas(PLATFORM_SCHEMA)
				.defaultSchema(PLATFORM_SCHEMA)
				.createSchemas(true)
				.locations("classpath:db/platform")
				.baselineOnMigrate(false)
				.load()
				.migrate();
			flyway.migrate();
		};
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "warden.outbox.relay-enabled", matchIfMissing = true)
	OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, KafkaProperties kafka,
			JsonMapper json, OutboxProperties properties, MeterRegistry meters,
			@Value("${spring.application.name:warden}") String serviceName) {
		Supplier<Producer<String, byte[]>> producers = () -> new KafkaProducer<>(
				relayProducerConfig(kafka, properties, serviceName), new StringSerializer(), new ByteArraySerializer());
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		transactions.setTimeout((int) properties.sendTimeout().plusSeconds(30).toSeconds());
		return new OutboxRelay(jdbc, transactions, producers, json, properties, meters);
	}

	@Bean
	@ConditionalOnMissingBean
	Outbox outbox(JdbcClient jdbc, JsonMapper json, CurrentActor actor, ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, ObjectProvider<OutboxRelay> relay,
			@Value("${spring.application.name:warden}") String serviceName) {
		return new Outbox(jdbc, json, actor, new TraceHeaders(tracer, propagator), serviceName, relay.getIfAvailable());
	}

	/**
	 * The producer's batch size: room for a round of typical events in each partition,
	 * and below the broker's default largest batch (1 MiB).
	 */
	static final int RELAY_BATCH_BYTES = 512 * 1024;

	static Map<String, Object> relayProducerConfig(KafkaProperties kafka, OutboxProperties properties,
			String serviceName) {
		Map<String, Object> config = kafka.buildProducerProperties();
		long sendTimeout = properties.sendTimeout().toMillis();
		long requestTimeout = Math.max(1000, Math.min(Duration.ofSeconds(10).toMillis(), sendTimeout / 2));
		config.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		// A whole round in one batch per partition: a broker appends (and, when it
		// flushes every message, fsyncs) once per batch, so the number of batches, not of
		// events, sets what a round costs.
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, RELAY_BATCH_BYTES);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout, requestTimeout + 5));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout);
		config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
		// Unique per process: the advisory lock, not Kafka's fencing, keeps relays from
		// overlapping.
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, serviceName + "-outbox-relay-" + UUID.randomUUID());
		config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(60_000, 4 * sendTimeout));
		return config;
	}

}
