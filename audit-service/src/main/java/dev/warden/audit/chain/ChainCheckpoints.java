package dev.warden.audit.chain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.audit.BoundedProducers;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors the chain outside PostgreSQL. The hash chain shows a record changed or removed
 * in place, but someone who can write the database could also rewrite every record from
 * some point on with freshly computed hashes, and the chain would hold again. So the head
 * of the chain (its sequence and hash) is published to the {@value #TOPIC} topic every
 * {@code warden.audit.checkpoints.interval}; verify compares the records against every
 * checkpoint in its range, which a rewrite of the database cannot change. With a signing
 * key configured each checkpoint is signed ({@link CheckpointSigner}), so that writing to
 * the topic is not enough to forge one either.
 */
@Component
public class ChainCheckpoints implements DisposableBean {

	/** The topic checkpoints go to: one partition, kept forever. */
	static final String TOPIC = "audit.checkpoints";

	private static final Logger log = LoggerFactory.getLogger(ChainCheckpoints.class);

	private final JdbcClient jdbc;

	private final Producer<String, String> producer;

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	private final CheckpointProperties properties;

	private final CheckpointSigner signer;

	private final AtomicLong published = new AtomicLong();

	ChainCheckpoints(JdbcClient jdbc, KafkaProperties kafkaProperties, JsonMapper json, CheckpointProperties properties,
			CheckpointSigner signer) {
		this.jdbc = jdbc;
		this.producer = BoundedProducers.create(kafkaProperties, "audit-checkpoint-publisher",
				properties.readTimeout());
		this.kafkaProperties = kafkaProperties;
		this.json = json;
		this.properties = properties;
		this.signer = signer;
	}

	@Override
	public void destroy() {
		this.producer.close(this.properties.readTimeout());
	}

	@Scheduled(initialDelayString = "${warden.audit.checkpoints.interval:1m}",
			fixedDelayString = "${warden.audit.checkpoints.interval:1m}")
	void publishOnSchedule() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			publish();
		}
		catch (RuntimeException ex) {
			// The next round publishes the head as it is then; nothing is lost by
			// waiting.
			log.warn("Chain checkpoint not published: {}", ex.toString());
		}
	}

	/**
	 * Publishes the head of the chain, signed when a signing key is configured, unless it
	 * was published already.
	 * @return the checkpoint as published, or empty if the chain is empty or did not move
	 */
	public Optional<Checkpoint> publish() {
		Optional<Checkpoint> head = this.jdbc
			.sql("select sequence, hash from audit_records order by sequence desc limit 1")
			.query((rs, row) -> new Checkpoint(this.properties.chain(), rs.getLong("sequence"), rs.getString("hash"),
					Instant.now().truncatedTo(ChronoUnit.MILLIS)))
			.optional();
		if (head.isEmpty() || head.get().sequence() <= this.published.get()) {
			return Optional.empty();
		}
		Checkpoint checkpoint = this.signer.sign(head.get());
		ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, checkpoint.chain(),
				this.json.writeValueAsString(checkpoint));
		try {
			this.producer.send(record).get(this.properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing a checkpoint", ex);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw new IllegalStateException("Kafka did not take the checkpoint", ex);
		}
		this.published.accumulateAndGet(checkpoint.sequence(), Math::max);
		return Optional.of(checkpoint);
	}

	/**
	 * Reads every checkpoint published under this chain's name, signed or not: which ones
	 * to trust is the verifier's decision.
	 * @return the checkpoints, in the order they were published
	 * @throws ProblemException (503) if the topic cannot be read in time: a verification
	 * that could not compare must not answer that the chain holds
	 */
	List<Checkpoint> read() {
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-checkpoint-reader");
		long deadline = System.nanoTime() + this.properties.readTimeout().toNanos();
		List<Checkpoint> checkpoints = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(TOPIC, this.properties.readTimeout())) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, this.properties.readTimeout());
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw unreadable(null);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofNanos(left))) {
					if (this.properties.chain().equals(record.key())) {
						Checkpoint checkpoint = parse(record.value());
						if (checkpoint != null) {
							checkpoints.add(checkpoint);
						}
					}
				}
			}
		}
		catch (KafkaException ex) {
			throw unreadable(ex);
		}
		return checkpoints;
	}

	private @Nullable Checkpoint parse(String value) {
		try {
			return this.json.readValue(value, Checkpoint.class);
		}
		catch (JacksonException ex) {
			// A record on the topic that is not a checkpoint names no sequence, so it
			// can anchor (or forge) nothing; the ones that are checkpoints still count.
			log.warn("Skipping an unreadable record on {}: {}", TOPIC, ex.getOriginalMessage());
			return null;
		}
	}

	private static ProblemException unreadable(@Nullable Exception cause) {
		String detail = "The chain's checkpoints could not be read from Kafka, so the chain was not verified.";
		return (cause != null) ? new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, detail, cause)
				: ProblemException.unavailable(detail);
	}

}
