package dev.warden.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads what services published, from the beginning of a topic, as a fresh consumer
 * group.
 */
public final class TestKafka {

	private TestKafka() {
	}

	/**
	 * Reads records from the start of a topic until enough match or the time is up.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param wanted which records to keep
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return the matching records, in the order read (within a partition, the order
	 * written)
	 */
	public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic,
			Predicate<ConsumerRecord<String, String>> wanted, int count, Duration timeout) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed");
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (found.size() < count && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
					if (wanted.test(record)) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

	/**
	 * Returns a header's value as text.
	 * @param record the record
	 * @param name the header
	 * @return the last value of the header, or {@code null}
	 */
	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
