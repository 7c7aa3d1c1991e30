package dev.warden.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedServersIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void postgresKeepsDataAcrossRestarts() throws Exception {
		Path data = this.directory.resolve("pg");
		try (PostgresServer postgres = PostgresServer.start(data, 0)) {
			postgres.createDatabaseIfMissing("warden_test");
			postgres.createDatabaseIfMissing("warden_test");
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("warden_test"), "postgres", "")) {
				connection.createStatement().execute("create table kept (value text)");
				connection.createStatement().execute("insert into kept values ('still here')");
			}
		}
		try (PostgresServer postgres = PostgresServer.start(data, 0);
				Connection connection = DriverManager.getConnection(postgres.jdbcUrl("warden_test"), "postgres", "")) {
			ResultSet rows = connection.createStatement().executeQuery("select value, version() from kept");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
			assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
		}
	}

	@Test
	void kafkaDeliversAfterARestartOnTheSamePort() {
		try (KafkaServer kafka = KafkaServer.start(this.directory.resolve("kafka"), 0, 0)) {
			send(kafka, "before");
			kafka.stopBroker();
			assertThat(Ports.inUse(kafka.port())).isFalse();
			kafka.startBroker();
			send(kafka, "after");
			assertThat(readAll(kafka)).containsExactly("before", "after");
		}
	}

	@Test
	void redisAnswersAndStops() throws Exception {
		try (RedisServer redis = RedisServer.start(null, 0)) {
			assertThat(Ports.inUse(redis.port())).isTrue();
			redis.close();
			assertThat(Ports.inUse(redis.port())).isFalse();
		}
	}

	private static void send(KafkaServer kafka, String value) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>("probe", "key", value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> readAll(KafkaServer kafka) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of("probe"));
			List<String> values = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < 2 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
			return values;
		}
	}

}
