package dev.warden.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox rows to Kafka, oldest first, on a thread of its own.
 *
 * <p>
 * One replica relays at a time: each round takes a PostgreSQL advisory lock in its
 * transaction, so rows of one key are never sent by two replicas out of order. The lock
 * lives in the database that holds the rows, so the relay needs nothing else to
 * coordinate. A row is marked published only after Kafka acknowledged it; the producer is
 * idempotent, so Kafka's own retries add no duplicates and keep order within a partition.
 * When a round fails (Kafka down, a timeout), the rows stay pending and the relay backs
 * off exponentially with jitter.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** The advisory lock that makes one replica the relay for a database. */
	private static final long RELAY_LOCK = 0x5741524445_4E4FL; // "WARDENO"

	private static final Duration METRICS_INTERVAL = Duration.ofSeconds(2);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Supplier<Producer<String, byte[]>> producerFactory;

	private final JsonMapper json;

	private final OutboxProperties properties;

	private final Counter published;

	private final Counter failed;

	private final AtomicLong backlog = new AtomicLong();

	private final AtomicLong oldestPendingSeconds = new AtomicLong();

	private @Nullable ScheduledExecutorService executor;

	private @Nullable Producer<String, byte[]> producer;

	private @Nullable ScheduledFuture<?> next;

	private @Nullable ScheduledExecutorService housekeeping;

	private boolean running;

	private boolean wakeRequested;

	private int consecutiveFailures;

	private Instant cleanedUp = Instant.EPOCH;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, Supplier<Producer<String, byte[]>> producerFactory,
			JsonMapper json, OutboxProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.producerFactory = producerFactory;
		this.json = json;
		this.properties = properties;
		this.published = Counter.builder("warden.outbox.published")
			.description("Events the outbox relay published to Kafka")
			.register(meters);
		this.failed = Counter.builder("warden.outbox.failed")
			.description("Events Kafka did not acknowledge; they stay pending and are retried")
			.register(meters);
		Gauge.builder("warden.outbox.backlog", this.backlog, AtomicLong::get)
			.description("Events written but not yet published")
			.register(meters);
		Gauge.builder("warden.outbox.oldest.pending.age", this.oldestPendingSeconds, AtomicLong::get)
			.baseUnit("seconds")
			.description("Age of the oldest event not yet published")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon(true).factory());
		// Counting the backlog and deleting old rows take their own thread and
		// connection:
		// with a large backlog the count alone takes tens of milliseconds, which the
		// relay's rounds should not wait for.
		this.housekeeping = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-housekeeping").daemon(true).factory());
		this.running = true;
		this.next = this.executor.schedule(this::round, 0, TimeUnit.MILLISECONDS);
		this.housekeeping.scheduleWithFixedDelay(this::housekeeping, 0, METRICS_INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService current;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			current = this.executor;
			this.executor = null;
			if (this.housekeeping != null) {
				this.housekeeping.shutdownNow();
				this.housekeeping = null;
			}
		}
		if (current != null) {
			current.shutdown();
			try {
				current.awaitTermination(this.properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			current.shutdownNow();
		}
		Producer<String, byte[]> kafka = this.producer;
		this.producer = null;
		if (kafka != null) {
			kafka.close(Duration.ofSeconds(5));
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stop after the web server, so events written by the last requests are still
		// relayed.
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * Asks for a round as soon as possible, unless the relay is backing off after a
	 * failure.
	 */
	void wakeUp() {
		synchronized (this) {
			if (!this.running || this.consecutiveFailures > 0 || this.executor == null) {
				return;
			}
			this.wakeRequested = true;
			// A short linger lets commits that land together share one Kafka transaction,
			// which costs far more than the rows it carries.
			long linger = this.properties.linger().toMillis();
			ScheduledFuture<?> scheduled = this.next;
			if (scheduled != null && scheduled.getDelay(TimeUnit.MILLISECONDS) > linger && scheduled.cancel(false)) {
				this.next = this.executor.schedule(this::round, linger, TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * Returns how many events wait to be published, as of the last round.
	 * @return the backlog
	 */
	long backlog() {
		return this.backlog.get();
	}

	private void round() {
		synchronized (this) {
			this.wakeRequested = false;
		}
		Duration delay;
		try {
			int count = relayBatch();
			synchronized (this) {
				this.consecutiveFailures = 0;
			}
			delay = (count >= this.properties.batchSize()) ? Duration.ZERO : this.properties.pollInterval();
		}
		catch (RuntimeException ex) {
			int failures;
			synchronized (this) {
				failures = ++this.consecutiveFailures;
			}
			delay = backoff(failures);
			log.warn("Outbox relay round failed ({} in a row); next attempt in {} ms: {}", failures, delay.toMillis(),
					ex.toString());
		}
		synchronized (this) {
			if (!this.running || this.executor == null) {
				return;
			}
			if (this.wakeRequested && this.consecutiveFailures == 0 && delay.compareTo(this.properties.linger()) > 0) {
				delay = this.properties.linger();
			}
			this.next = this.executor.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Publishes one batch.
	 * @return how many rows were published
	 */
	int relayBatch() {
		RoundResult result = this.transactions.execute((status) -> {
			Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(?)")
				.param(RELAY_LOCK)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return RoundResult.NOTHING; // another replica is relaying this database
			}
			List<PendingEvent> pending = this.jdbc
				.sql("select id, topic, event_key, event_id, event_type, payload::text as payload, "
						+ "headers::text as headers from platform.outbox_event "
						+ "where published_at is null order by id limit ?")
				.param(this.properties.batchSize())
				.query((rs, row) -> new PendingEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("event_key"),
						rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
						rs.getString("headers")))
				.list();
			if (pending.isEmpty()) {
				return RoundResult.NOTHING;
			}
			Long[] ids = pending.stream().map(PendingEvent::id).toArray(Long[]::new);
			try {
				publish(pending);
			}
			catch (KafkaException ex) {
				// Kafka aborted the whole batch: none of it is visible to read-committed
				// consumers, so all of it is retried, in the same order, next round.
				this.jdbc
					.sql("update platform.outbox_event set attempts = attempts + 1, last_error = left(?, 1000) "
							+ "where id = any(?)")
					.params(ex.toString(), ids)
					.update();
				this.failed.increment(pending.size());
				return new RoundResult(0, pending.size(), ex.toString());
			}
			this.jdbc.sql("update platform.outbox_event set published_at = now() where id = any(?)")
				.param(ids)
				.update();
			this.published.increment(pending.size());
			return new RoundResult(pending.size(), pending.size(), null);
		});
		if (result == null) {
			return 0;
		}
		if (result.error() != null) {
			// Thrown after the database transaction committed the attempt counts.
			throw new OutboxDeliveryException(result.attempted(), result.error());
		}
		return result.published();
	}

	/**
	 * Sends a batch as one Kafka transaction: either every event becomes visible to
	 * read-committed consumers, in order, or none does. That keeps a failed round from
	 * leaving later events of a key published ahead of earlier ones, and keeps a retried
	 * round from duplicating what an earlier attempt delivered.
	 */
	private void publish(List<PendingEvent> pending) {
		Producer<String, byte[]> kafka = producer();
		try {
			kafka.beginTransaction();
			for (PendingEvent event : pending) {
				kafka.send(toRecord(event));
			}
			kafka.commitTransaction();
		}
		catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
				| UnsupportedVersionException ex) {
			// The producer cannot be used again; the next round creates a new one.
			closeProducer();
			throw ex;
		}
		catch (KafkaException ex) {
			try {
				kafka.abortTransaction();
			}
			catch (KafkaException abortFailure) {
				ex.addSuppressed(abortFailure);
				closeProducer();
			}
			throw ex;
		}
	}

	private ProducerRecord<String, byte[]> toRecord(PendingEvent event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
				event.payload().getBytes(StandardCharsets.UTF_8));
		Map<String, String> headers = this.json.readValue(event.headers(), HEADERS);
		headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		record.headers().add(EventHeaders.EVENT_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
		record.headers().add(EventHeaders.EVENT_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private synchronized Producer<String, byte[]> producer() {
		Producer<String, byte[]> current = this.producer;
		if (current == null) {
			current = this.producerFactory.get();
			try {
				current.initTransactions();
			}
			catch (KafkaException ex) {
				current.close(Duration.ZERO);
				throw ex;
			}
			this.producer = current;
		}
		return current;
	}

	private synchronized void closeProducer() {
		Producer<String, byte[]> current = this.producer;
		this.producer = null;
		if (current != null) {
			current.close(Duration.ZERO);
		}
	}

	private Duration backoff(int failures) {
		long initial = this.properties.initialBackoff().toMillis();
		long max = this.properties.maxBackoff().toMillis();
		long exponential = Math.min(max, initial << Math.min(failures - 1, 20));
		// Full jitter keeps replicas that failed together from retrying together.
		return Duration.ofMillis(exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1));
	}

	private void housekeeping() {
		try {
			updateMetricsAndCleanUp();
		}
		catch (RuntimeException ex) {
			log.debug("Outbox metrics not updated", ex);
		}
	}

	private void updateMetricsAndCleanUp() {
		this.jdbc
			.sql("select count(*) as pending, coalesce(extract(epoch from now() - min(created_at)), 0) as age "
					+ "from platform.outbox_event where published_at is null")
			.query((rs) -> {
				this.backlog.set(rs.getLong("pending"));
				this.oldestPendingSeconds.set(rs.getLong("age"));
			});
		Instant now = Instant.now();
		if (Duration.between(this.cleanedUp, now).compareTo(CLEANUP_INTERVAL) >= 0) {
			this.cleanedUp = now;
			int deleted = this.jdbc
				.sql("delete from platform.outbox_event where published_at < now() - make_interval(secs => ?)")
				.param((double) this.properties.retention().toSeconds())
				.update();
			if (deleted > 0) {
				log.info("Deleted {} published outbox events older than {}", deleted, this.properties.retention());
			}
		}
	}

	private record PendingEvent(long id, String topic, String key, String eventId, String type, String payload,
			String headers) {
	}

	private record RoundResult(int published, int attempted, @Nullable String error) {

		static final RoundResult NOTHING = new RoundResult(0, 0, null);

	}

	/** A round whose batch Kafka did not take; its events stay pending. */
	static final class OutboxDeliveryException extends RuntimeException {

		OutboxDeliveryException(int attempted, String cause) {
			super("Kafka did not take a batch of " + attempted + " events: " + cause);
		}

	}

}
