package dev.warden.benchaudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import dev.warden.benchaudit.producer.ProducerApplication;
import dev.warden.embedded.KafkaServer;
import dev.warden.embedded.Ports;
import dev.warden.embedded.PostgresServer;
import dev.warden.platform.audit.Audit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the audit ingest benchmark: in one JVM, embedded PostgreSQL and Kafka,
 * audit-service itself (its Spring Boot application with its own configuration, as
 * {@code java -jar} starts it, only pointed at this run's servers and port), a producing
 * service (the platform starter's outbox and relay) and the plain consumer. Each round
 * loads events through the producer's outbox into {@code audit.events}, then lets
 * audit-service's listener and the plain consumer drain them, one after the other,
 * alternating which goes first. Then the producer writes at a steady rate while
 * audit-service ingests, for the end-to-end lag. Exits with status 1 if any event is
 * missing, duplicated or the chain does not verify.
 */
public final class AuditIngestBenchmark {

	private static final String AUDIT_APPLICATION = "dev.warden.audit.AuditApplication";

	private static final String CHAIN_VERIFIER = "dev.warden.audit.chain.ChainVerifier";

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private AuditIngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.from(System.getenv());
		int status = new Run(settings).run();
		System.exit(status);
	}

	/** One drain of one round by one consumer. */
	record Drain(String consumer, int round, long rows, int commits, long firstCommitMicros, long lastCommitMicros,
			long firstCommitRows, long resumedMicros) {

		/** Events per second between the first and the last commit of the drain. */
		double rate() {
			long micros = this.lastCommitMicros - this.firstCommitMicros;
			return (micros <= 0) ? Double.NaN : (this.rows - this.firstCommitRows) * 1e6 / micros;
		}

	}

	private static final class Run {

		private final Settings settings;

		private final List<AutoCloseable> closing = new ArrayList<>();

		Run(Settings settings) {
			this.settings = settings;
		}

		int run() throws Exception {
			try {
				return measure();
			}
			finally {
				Collections.reverse(this.closing);
				for (AutoCloseable resource : this.closing) {
					try {
						resource.close();
					}
					catch (Exception ex) {
						say("Not closed cleanly: " + ex);
					}
				}
			}
		}

		private int measure() throws Exception {
			Settings s = this.settings;
			deleteRecursively(s.data());
			say("Starting PostgreSQL (with track_commit_timestamp) and Kafka in " + s.data());
			PostgresServer postgres = PostgresServer.start(s.data().resolve("postgres"), 0);
			int postgresPort = postgres.port();
			new Database(postgres.jdbcUrl("postgres")).execute("alter system set track_commit_timestamp = on");
			postgres.close();
			postgres = PostgresServer.start(s.data().resolve("postgres"), postgresPort);
			this.closing.add(postgres);
			for (String database : List.of("warden_audit", "bench_producer", "bench_peer")) {
				postgres.createDatabaseIfMissing(database);
			}
			Database auditDb = new Database(postgres.jdbcUrl("warden_audit"));
			Database producerDb = new Database(postgres.jdbcUrl("bench_producer"));
			Database peerDb = new Database(postgres.jdbcUrl("bench_peer"));
			if (auditDb.count("select count(*) from pg_settings where name = 'track_commit_timestamp' "
					+ "and setting = 'on'") != 1) {
				throw new IllegalStateException("track_commit_timestamp is not on");
			}
			KafkaServer kafka = KafkaServer.start(s.data().resolve("kafka"), Ports.free(), Ports.free());
			this.closing.add(kafka);

			say("Starting audit-service (its own application and configuration)");
			// Signed checkpoints, as every deployment has them (audit-service refuses to
			// start without a key unless told otherwise).
			String checkpointKey = Base64.getEncoder()
				.encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
			ConfigurableApplicationContext audit = new SpringApplicationBuilder(
					Class.forName(AUDIT_APPLICATION))
				.run(Stream.concat(Stream.of(common(postgres, kafka, "warden_audit")),
						Stream.of("--warden.audit.checkpoints.signing-key=" + checkpointKey,
								"--warden.audit.checkpoints.signing-key-id=bench"))
					.toArray(String[]::new));
			this.closing.add(audit);
			say("Starting the producing service (platform outbox and relay)");
			ConfigurableApplicationContext producer = new SpringApplicationBuilder(ProducerApplication.class).run(
					Stream
						.concat(Stream.of(common(postgres, kafka, "bench_producer")),
								Stream.of("--spring.application.name=command-service",
										"--spring.main.web-application-type=none",
										"--spring.flyway.locations=classpath:db/bench-producer"))
						.toArray(String[]::new));
			this.closing.add(producer);

			MessageListenerContainer chained = audit.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("audit-ingest");
			if (chained == null) {
				throw new IllegalStateException("audit-service has no audit-ingest listener");
			}
			pause(chained);
			Map<String, Object> consumerConfig = audit.getBean(ConsumerFactory.class).getConfigurationProperties();
			PlainConsumer plain = new PlainConsumer(consumerConfig, postgres.jdbcUrl("bench_peer"));
			this.closing.add(plain);
			plain.start();
			AuditTraffic traffic = new AuditTraffic(producer.getBean(Audit.class), producer.getBean(JdbcClient.class),
					producer.getBean(TransactionTemplate.class),
					producer.getBeanProvider(Tracer.class).getIfAvailable());
			say("audit-service's consumer: " + consumerSummary(consumerConfig) + "; concurrency "
					+ audit.getEnvironment().getProperty("spring.kafka.listener.concurrency", "1"));

			// Rounds: load through the outbox, then each consumer drains the same events.
			List<Drain> drains = new ArrayList<>();
			List<Double> relayRates = new ArrayList<>();
			List<UUID> roundIds = new ArrayList<>();
			AtomicLong numbering = new AtomicLong();
			// Round 0 warms both consumers' code up and is not reported.
			for (int round = (s.warmupEvents() > 0) ? 0 : 1; round <= s.rounds(); round++) {
				int events = (round == 0) ? s.warmupEvents() : s.events();
				say("Round " + round + ": writing " + events + " events through the outbox");
				long loadStart = System.nanoTime();
				List<UUID> ids = load(traffic, "round-" + round, events, numbering);
				long loaded = System.nanoTime();
				awaitRelayed(producerDb);
				long relayed = System.nanoTime();
				if (round > 0) {
					// The relay publishes while the outbox is being written; with no
					// consumer running, this is the producing side's throughput.
					relayRates.add(events * 1e9 / (relayed - loadStart));
				}
				say(String.format(Locale.ROOT, "  written in %.1f s, all published %.1f s later",
						(loaded - loadStart) / 1e9, (relayed - loaded) / 1e9));
				roundIds.addAll(ids);
				boolean chainedFirst = (round % 2 == 1);
				for (int turn = 0; turn < 2; turn++) {
					if ((turn == 0) == chainedFirst) {
						drains.add(drain("audit-service (chain)", round, ids, roundIds.size(), auditDb, "audit_records",
								chained::resume, () -> pause(chained),
								() -> auditDb.count("select count(*) from audit_records")));
					}
					else {
						drains.add(drain("plain consumer", round, ids, roundIds.size(), peerDb, "audit_plain",
								plain::resume, plain::pause, () -> peerDb.count("select count(*) from audit_plain")));
					}
					if (plain.failure() != null) {
						throw new IllegalStateException("The plain consumer failed", plain.failure());
					}
					say("  " + drains.getLast().consumer() + ": "
							+ String.format(Locale.ROOT, "%.0f", drains.getLast().rate()) + " events/s");
				}
			}

			drains.removeIf((d) -> d.round() == 0);
			double chainedMedian = median(
					drains.stream().filter((d) -> d.consumer().startsWith("audit")).mapToDouble(Drain::rate).toArray());
			double plainMedian = median(
					drains.stream().filter((d) -> d.consumer().startsWith("plain")).mapToDouble(Drain::rate).toArray());
			chained.resume();
			LongSupplier stored = () -> auditDb.count("select count(*) from audit_records");
			long expected = roundIds.size();

			// The end-to-end maximum: producer, relay and audit-service on the same
			// machine.
			Pipeline pipeline = null;
			if (s.pipelineSeconds() > 0) {
				say(String.format(Locale.ROOT,
						"End-to-end maximum: %d s (after %d s), %d threads, %d per transaction, backlog under %d",
						s.pipelineSeconds(), s.pipelineWarmupSeconds(), s.producerThreads(), s.lagTransactionSize(),
						s.pipelineBacklog()));
				pipeline = pipeline(traffic, stored, expected, numbering);
				expected += pipeline.written();
				awaitCount(stored, expected, "the end-to-end maximum");
				say(String.format(Locale.ROOT, "  %.0f events/s stored", pipeline.storedRate()));
			}

			// The lag at half of each maximum, or at LAG_RATE.
			List<LagPhase> phases = new ArrayList<>();
			if (s.lagRate() > 0) {
				phases.add(new LagPhase("at LAG_RATE", s.lagRate()));
			}
			else {
				if (pipeline != null && s.lagAtHalfThePipeline()) {
					phases.add(new LagPhase("at half the end-to-end maximum", pipeline.storedRate() / 2));
				}
				if (s.lagAtHalfTheIngest()) {
					phases.add(new LagPhase("at half audit-service's ingest rate", chainedMedian / 2));
				}
			}
			List<Steady> steadies = new ArrayList<>();
			for (int i = 0; i < phases.size(); i++) {
				LagPhase phase = phases.get(i);
				say(String.format(Locale.ROOT, "Lag %s: %d s at %.0f events/s, %d per transaction, %d threads",
						phase.name(), s.lagSeconds(), phase.rate(), s.lagTransactionSize(), s.producerThreads()));
				Steady steady = steady(traffic, "lag-" + i, phase.rate(), s.lagSeconds(), s.lagWarmupSeconds(),
						numbering);
				steadies.add(steady);
				expected += steady.ids().size();
				awaitCount(stored, expected, "the lag phase");
			}
			pause(chained);

			// Completeness: every event written once, nothing else, and the chain holds.
			say("Checking every event");
			Map<UUID, long[]> written = producerDb.byEvent("select event_id, 0 from bench_actions", 1);
			Map<UUID, long[]> inTrail = auditDb
				.byEvent("select event_id, count(*) from audit_records group by event_id", 1);
			Map<UUID, long[]> inPlain = peerDb.byEvent("select event_id, count(*) from audit_plain group by event_id",
					1);
			List<String> problems = new ArrayList<>();
			check("audit_records", written.keySet(), inTrail, problems);
			check("audit_plain", new HashSet<>(roundIds), inPlain, problems);
			String chain = verifyChain(audit, auditDb, problems);
			say("Records with a trace id: "
					+ auditDb.count("select count(*) from audit_records where trace_id is not null")
					+ "; outbox rows with a traceparent header: " + producerDb.count(
							"select count(*) from platform.outbox_event where headers ->> 'traceparent' is not null"));

			// Lag per event: the record's commit minus the outbox row's commit, both on
			// PostgreSQL's clock.
			Map<UUID, long[]> outboxCommits = producerDb
				.byEvent("select event_id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint "
						+ "from bench_actions where phase like 'lag-%'", 1);
			Map<UUID, long[]> trailTimes = auditDb
				.byEvent("select event_id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint, "
						+ "(extract(epoch from time) * 1000000)::bigint, "
						+ "(extract(epoch from recorded_at) * 1000000)::bigint from audit_records", 3);
			Map<UUID, long[]> relayCommits = producerDb
				.byEvent("select event_id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint "
						+ "from platform.outbox_event", 1);
			List<LagResult> lags = new ArrayList<>();
			for (int i = 0; i < phases.size(); i++) {
				lags.add(lags(phases.get(i), steadies.get(i), outboxCommits, trailTimes, relayCommits));
			}
			Timer metric = audit.getBean(MeterRegistry.class).get("warden.audit.ingest.lag").timer();

			double relayMedian = median(relayRates.stream().mapToDouble(Double::doubleValue).toArray());
			report(drains, chainedMedian, plainMedian, relayMedian, pipeline, lags, metric, chain, problems);
			return problems.isEmpty() ? 0 : 1;
		}

		private String[] common(PostgresServer postgres, KafkaServer kafka, String database) {
			// What ./warden up gives a service (ServiceCommand.environment), for this
			// run.
			return new String[] { "--spring.datasource.url=" + postgres.jdbcUrl(database),
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--warden.kafka.partitions=3",
					"--server.port=0", "--warden.security.jwks-uri=http://localhost:9/.well-known/jwks.json",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.level.org.apache.kafka=ERROR" };
		}

		private static String consumerSummary(Map<String, Object> config) {
			return "max.poll.records=" + config.getOrDefault("max.poll.records", "500 (default)") + ", isolation="
					+ config.get("isolation.level") + ", auto-commit=" + config.get("enable.auto.commit");
		}

		private List<UUID> load(AuditTraffic traffic, String phase, int events, AtomicLong numbering) throws Exception {
			int size = this.settings.loadTransactionSize();
			ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
			try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
				List<Future<?>> done = new ArrayList<>();
				for (int written = 0; written < events; written += size) {
					int count = Math.min(size, events - written);
					long first = numbering.getAndAdd(count);
					done.add(writers.submit(() -> ids.addAll(traffic.write(phase, first, count))));
				}
				for (Future<?> each : done) {
					each.get();
				}
			}
			return List.copyOf(ids);
		}

		private void awaitRelayed(Database producerDb) throws InterruptedException {
			awaitCount(() -> -producerDb.count("select count(*) from platform.outbox_event where published_at is null"),
					0, "the outbox relay");
		}

		private Drain drain(String consumer, int round, List<UUID> ids, long written, Database db, String table,
				Runnable resume, Runnable pause, LongSupplier count) throws InterruptedException {
			long resumed = micros(Instant.now());
			resume.run();
			// Both consumers are paused before a round is loaded, so each stores exactly
			// the rounds so far.
			awaitCount(count, written, consumer);
			pause.run();
			List<long[]> commits = db.commits(table, ids);
			long rows = commits.stream().mapToLong((c) -> c[1]).sum();
			return new Drain(consumer, round, rows, commits.size(), commits.getFirst()[0], commits.getLast()[0],
					commits.getFirst()[1], resumed);
		}

		/**
		 * Pauses audit-service's listener and waits until its poll in progress is stored.
		 */
		private static void pause(MessageListenerContainer container) {
			container.pause();
			Instant deadline = Instant.now().plus(PATIENCE);
			while (!container.isContainerPaused()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("audit-service's listener did not pause");
				}
				sleep();
			}
		}

		private static void awaitCount(LongSupplier count, long expected, String what) throws InterruptedException {
			Instant deadline = Instant.now().plus(PATIENCE);
			while (count.getAsLong() < expected) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Gave up waiting for " + what + ": " + count.getAsLong() + " of "
							+ expected + " after " + PATIENCE);
				}
				Thread.sleep(20);
			}
		}

		/** What the steady producer wrote, and which events are measured. */
		record Steady(List<UUID> ids, List<UUID> measured, double achievedRate, double seconds, Histogram lateness) {
		}

		/**
		 * Writes events at a fixed rate, {@code LAG_TRANSACTION_SIZE} per transaction, on
		 * a schedule that does not wait for earlier writes (open loop): transaction k is
		 * due at start + k * size / rate. A writer that starts late is recorded as
		 * lateness.
		 */
		private Steady steady(AuditTraffic traffic, String phase, double rate, int seconds, int warmupSeconds,
				AtomicLong numbering) throws Exception {
			int size = this.settings.lagTransactionSize();
			long total = Math.round(rate * seconds / size);
			long warmup = Math.round(rate * warmupSeconds / size);
			AtomicLong next = new AtomicLong();
			Histogram lateness = new Histogram(3);
			ConcurrentLinkedQueue<UUID> all = new ConcurrentLinkedQueue<>();
			ConcurrentLinkedQueue<UUID> measured = new ConcurrentLinkedQueue<>();
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
			try (ExecutorService writers = Executors.newFixedThreadPool(this.settings.producerThreads())) {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < this.settings.producerThreads(); t++) {
					done.add(writers.submit(() -> {
						for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
							long due = start + (long) (k * size * 1e9 / rate);
							long wait = due - System.nanoTime();
							if (wait > 0) {
								TimeUnit.NANOSECONDS.sleep(wait);
							}
							long late = Math.max(0, System.nanoTime() - due);
							List<UUID> ids = traffic.write(phase, numbering.getAndAdd(size), size);
							all.addAll(ids);
							if (k >= warmup) {
								synchronized (lateness) {
									lateness.recordValue(late / 1000);
								}
								measured.addAll(ids);
							}
						}
						return null;
					}));
				}
				for (Future<?> each : done) {
					each.get();
				}
			}
			double elapsed = (System.nanoTime() - start) / 1e9;
			return new Steady(List.copyOf(all), List.copyOf(measured), all.size() / elapsed, elapsed, lateness);
		}

		/** A lag phase: its name in the report and its rate. */
		record LagPhase(String name, double rate) {
		}

		/** A lag phase's figures. */
		record LagResult(LagPhase phase, Steady steady, List<Row> rows, Histogram commitToCommit) {
		}

		private static LagResult lags(LagPhase phase, Steady steady, Map<UUID, long[]> outboxCommits,
				Map<UUID, long[]> trailTimes, Map<UUID, long[]> relayCommits) {
			Histogram commitToRelay = new Histogram(3);
			Histogram relayToCommit = new Histogram(3);
			Histogram commitToCommit = new Histogram(3);
			Histogram eventTimeToCommit = new Histogram(3);
			Histogram eventTimeToRecordedAt = new Histogram(3);
			for (UUID id : steady.measured()) {
				long[] outbox = outboxCommits.get(id);
				long[] trail = trailTimes.get(id);
				if (outbox == null || trail == null) {
					continue; // reported as missing above
				}
				commitToCommit.recordValue(Math.max(0, trail[0] - outbox[0]));
				long[] relayed = relayCommits.get(id);
				if (relayed != null) {
					commitToRelay.recordValue(Math.max(0, relayed[0] - outbox[0]));
					relayToCommit.recordValue(Math.max(0, trail[0] - relayed[0]));
				}
				eventTimeToCommit.recordValue(Math.max(0, trail[0] - trail[1]));
				eventTimeToRecordedAt.recordValue(Math.max(0, trail[2] - trail[1]));
			}
			return new LagResult(phase, steady,
					List.of(new Row("**outbox commit → record commit**", commitToCommit),
							new Row("outbox commit → relay's commit (published to Kafka)", commitToRelay),
							new Row("relay's commit → record commit", relayToCommit),
							new Row("event time → record commit", eventTimeToCommit),
							new Row("event time → `recorded_at`", eventTimeToRecordedAt)),
					commitToCommit);
		}

		/**
		 * What the end-to-end maximum phase wrote and how fast audit-service stored it.
		 *
		 * @param written events written in the whole phase
		 * @param writtenRate events written per second after the warm-up
		 * @param storedRate records stored per second after the warm-up
		 * @param heldBack how often a writer waited because the backlog was full
		 */
		record Pipeline(long written, double writtenRate, double storedRate, long heldBack) {
		}

		/**
		 * The highest rate the whole pipeline sustains on this machine: the producer's
		 * writers write as fast as they can (closed loop, {@code LAG_TRANSACTION_SIZE}
		 * events per transaction) while the relay publishes and audit-service ingests,
		 * all sharing the CPU. Writers wait while more than {@code PIPELINE_BACKLOG}
		 * events are written but not yet stored, so the producer cannot take the machine
		 * for itself and leave the ingest behind: what is measured is the rate at which
		 * records are stored, with a bounded backlog.
		 */
		private Pipeline pipeline(AuditTraffic traffic, LongSupplier stored, long storedBefore, AtomicLong numbering)
				throws Exception {
			Settings s = this.settings;
			int size = s.lagTransactionSize();
			AtomicLong written = new AtomicLong();
			AtomicLong storedSoFar = new AtomicLong();
			AtomicLong heldBack = new AtomicLong();
			AtomicBoolean stop = new AtomicBoolean();
			try (ExecutorService writers = Executors.newFixedThreadPool(s.producerThreads() + 1)) {
				List<Future<?>> done = new ArrayList<>();
				// One thread counts the stored records, so that writers need not ask the
				// database each time.
				done.add(writers.submit(() -> {
					while (!stop.get()) {
						storedSoFar.set(stored.getAsLong() - storedBefore);
						Thread.sleep(20);
					}
					return null;
				}));
				for (int t = 0; t < s.producerThreads(); t++) {
					done.add(writers.submit(() -> {
						while (!stop.get()) {
							if (written.get() - storedSoFar.get() > s.pipelineBacklog()) {
								heldBack.incrementAndGet();
								Thread.sleep(5);
								continue;
							}
							traffic.write("pipeline", numbering.getAndAdd(size), size);
							written.addAndGet(size);
						}
						return null;
					}));
				}
				TimeUnit.SECONDS.sleep(s.pipelineWarmupSeconds());
				long startNanos = System.nanoTime();
				long writtenAtStart = written.get();
				long storedAtStart = stored.getAsLong();
				long heldBackAtStart = heldBack.get();
				TimeUnit.SECONDS.sleep(s.pipelineSeconds());
				double seconds = (System.nanoTime() - startNanos) / 1e9;
				long writtenAtEnd = written.get();
				long storedAtEnd = stored.getAsLong();
				long heldBackAtEnd = heldBack.get();
				stop.set(true);
				for (Future<?> each : done) {
					each.get();
				}
				return new Pipeline(written.get(), (writtenAtEnd - writtenAtStart) / seconds,
						(storedAtEnd - storedAtStart) / seconds, heldBackAtEnd - heldBackAtStart);
			}
		}

		private static void check(String table, Set<UUID> expected, Map<UUID, long[]> found, List<String> problems) {
			long missing = expected.stream().filter((id) -> !found.containsKey(id)).count();
			long duplicated = found.values().stream().filter((c) -> c[0] != 1).count();
			long unexpected = found.keySet().stream().filter((id) -> !expected.contains(id)).count();
			say(String.format(Locale.ROOT,
					"%s: %d events expected, %d stored, %d missing, %d duplicated, %d unexpected", table,
					expected.size(), found.size(), missing, duplicated, unexpected));
			if (missing + duplicated + unexpected > 0) {
				problems.add(table + ": " + missing + " missing, " + duplicated + " duplicated, " + unexpected
						+ " unexpected events");
			}
		}

		private static String verifyChain(ConfigurableApplicationContext audit, Database auditDb, List<String> problems)
				throws ReflectiveOperationException {
			long last = auditDb.count("select coalesce(max(sequence), 0) from audit_records");
			long rows = auditDb.count("select count(*) from audit_records");
			Object verifier = audit.getBean(Class.forName(CHAIN_VERIFIER));
			Method verify = verifier.getClass().getMethod("verify", long.class, long.class);
			Object result = verify.invoke(verifier, 1L, last);
			boolean valid = (Boolean) result.getClass().getMethod("valid").invoke(result);
			long checked = (Long) result.getClass().getMethod("checked").invoke(result);
			String summary = "verify(1, " + last + "): valid=" + valid + ", checked=" + checked + ", rows=" + rows;
			say("Chain: " + summary);
			if (!valid || checked != rows || last != rows) {
				problems.add("chain: " + result);
			}
			return summary;
		}

		/** A line of the lag table. */
		record Row(String name, Histogram histogram) {
		}

		private void report(List<Drain> drains, double chainedMedian, double plainMedian, double relayMedian,
				@Nullable Pipeline pipeline, List<LagResult> lags, Timer metric, String chain, List<String> problems) {
			Settings s = this.settings;
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"EVENTS=%d WARMUP_EVENTS=%d ROUNDS=%d PIPELINE_SECONDS=%d PIPELINE_WARMUP_SECONDS=%d "
							+ "PIPELINE_BACKLOG=%d LAG_SECONDS=%d LAG_WARMUP_SECONDS=%d LAG_BASIS=%s PRODUCER_THREADS=%d "
							+ "LAG_TRANSACTION_SIZE=%d LOAD_TRANSACTION_SIZE=%d%n%n",
					s.events(), s.warmupEvents(), s.rounds(), s.pipelineSeconds(), s.pipelineWarmupSeconds(),
					s.pipelineBacklog(), s.lagSeconds(), s.lagWarmupSeconds(), s.lagBasis(), s.producerThreads(),
					s.lagTransactionSize(), s.loadTransactionSize()));
			out.append("| round | consumer | order | events | commits | events per commit | events/s |\n");
			out.append("|---|---|---|---|---|---|---|\n");
			for (Drain d : drains) {
				boolean first = drains.stream()
					.filter((o) -> o.round() == d.round())
					.min(Comparator.comparingLong(Drain::resumedMicros))
					.orElseThrow() == d;
				out.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %.0f | %.0f |%n", d.round(),
						d.consumer(), first ? "first" : "second", d.rows(), d.commits(),
						(double) d.rows() / d.commits(), d.rate()));
			}
			out.append(String.format(Locale.ROOT,
					"%n**Median: audit-service %.0f events/s, plain consumer %.0f events/s: %.2f× (target ≥ 0.8×).**%n%n",
					chainedMedian, plainMedian, chainedMedian / plainMedian));
			out.append(String
				.format(Locale.ROOT,
						"Loading each round (%d events per transaction, 4 threads), from the first outbox write to the "
								+ "last event published: median %.0f events/s.%n%n",
						s.loadTransactionSize(), relayMedian));
			if (pipeline != null) {
				out.append(String.format(Locale.ROOT,
						"**End-to-end maximum: %.0f events/s stored** (%d writers, %d events per transaction, as "
								+ "fast as they can with at most %d events written and not yet stored; %d s measured "
								+ "after %d s): the producer wrote %.0f events/s and waited for the backlog %d times.%n%n",
						pipeline.storedRate(), s.producerThreads(), s.lagTransactionSize(), s.pipelineBacklog(),
						s.pipelineSeconds(), s.pipelineWarmupSeconds(), pipeline.writtenRate(), pipeline.heldBack()));
			}
			for (LagResult lag : lags) {
				Steady steady = lag.steady();
				out.append(String.format(Locale.ROOT,
						"Lag %s: target %.0f events/s for %d s; the producer wrote them in %.1f s (%.0f events/s); "
								+ "%d events measured (the first %d s left out); producer schedule lateness p99 %.1f ms.%n%n",
						lag.phase().name(), lag.phase().rate(), s.lagSeconds(), steady.seconds(), steady.achievedRate(),
						steady.measured().size(), s.lagWarmupSeconds(),
						steady.lateness().getValueAtPercentile(99) / 1000.0));
				out.append("| lag (ms) | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n");
				lag.rows().forEach((row) -> row(out, row.name(), row.histogram()));
				out.append(String.format(Locale.ROOT,
						"%n**p99 outbox commit → record commit %s: %.0f ms (target < 1000 ms).**%n%n",
						lag.phase().name(), lag.commitToCommit().getValueAtPercentile(99) / 1000.0));
			}
			out.append(String.format(Locale.ROOT,
					"audit-service's `warden.audit.ingest.lag` over the whole run: %d records, mean %.1f ms, "
							+ "max (last 2 minutes) %.1f ms.%n",
					metric.count(), metric.mean(TimeUnit.MILLISECONDS), metric.max(TimeUnit.MILLISECONDS)));
			out.append("Chain: ").append(chain).append(".\n");
			out.append(problems.isEmpty() ? "Every event stored exactly once in both tables.\n"
					: "**FAILED: " + String.join("; ", problems) + "**\n");
			System.out.print(out);
			System.out.flush();
		}

		private static void row(StringBuilder out, String name, Histogram h) {
			out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", name,
					h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
					h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
		}

	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int n = sorted.length;
		return (n == 0) ? Double.NaN : (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
	}

	private static void say(String message) {
		System.err.println("==> " + message);
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + directory, ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
