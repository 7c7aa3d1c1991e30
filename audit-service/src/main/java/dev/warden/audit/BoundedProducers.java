package dev.warden.audit;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Kafka producers whose every wait is bounded, for the places where a caller is waiting
 * (an admin's replay, the checkpoint scheduler's only thread). The application's template
 * would block in {@code send} for up to {@code max.block.ms} (60 s by default) fetching
 * metadata when the broker is down, before any wait for the acknowledgement even starts,
 * and would retry a record in the background for two minutes.
 */
public final class BoundedProducers {

	private BoundedProducers() {
	}

	/**
	 * Creates a producer of strings, acknowledged by every in-sync replica, that gives up
	 * within the timeout: fetching metadata, each request, and the delivery as a whole.
	 * @param kafkaProperties the application's Kafka settings (servers, security)
	 * @param clientId the client id, to tell it apart in the broker's logs
	 * @param timeout the longest any step may take
	 * @return the producer; the caller closes it
	 */
	public static Producer<String, String> create(KafkaProperties kafkaProperties, String clientId, Duration timeout) {
		Map<String, Object> config = kafkaProperties.buildProducerProperties();
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis);
		// delivery.timeout.ms must cover linger.ms plus request.timeout.ms.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

}
