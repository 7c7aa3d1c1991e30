package dev.warden.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one node), running inside
 * this JVM. It can be stopped and started again on the same ports and log directory,
 * which is how tests show that producers survive a broker outage.
 */
public final class KafkaServer implements EmbeddedServer {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Path logDirectory;

	private final int port;

	private final int controllerPort;

	private @Nullable KafkaRaftServer server;

	private KafkaServer(Path logDirectory, int port, int controllerPort) {
		this.logDirectory = logDirectory;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/**
	 * Formats the log directory if needed and starts the broker.
	 * @param logDirectory where the broker keeps its logs and metadata
	 * @param port the client port, or 0 for any free port
	 * @param controllerPort the KRaft controller port, or 0 for any free port
	 * @return the running broker
	 */
	public static KafkaServer start(Path logDirectory, int port, int controllerPort) {
		KafkaServer kafka = new KafkaServer(logDirectory, (port != 0) ? port : Ports.free(),
				(controllerPort != 0) ? controllerPort : Ports.free());
		kafka.format();
		kafka.startBroker();
		return kafka;
	}

	@Override
	public String name() {
		return "kafka";
	}

	/**
	 * Returns the bootstrap servers clients connect to.
	 * @return {@code localhost:port}
	 */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Returns the client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Tells whether the broker is running.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** Starts a stopped broker again with the same ports and data. */
	public synchronized void startBroker() {
		if (this.server != null) {
			return;
		}
		KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(properties()), Time.SYSTEM);
		raftServer.startup();
		this.server = raftServer;
		awaitReady();
	}

	/**
	 * Stops the broker but keeps its data, so that {@link #startBroker()} can resume it.
	 */
	public synchronized void stopBroker() {
		KafkaRaftServer raftServer = this.server;
		if (raftServer == null) {
			return;
		}
		this.server = null;
		raftServer.shutdown();
		raftServer.awaitShutdown();
	}

	@Override
	public void close() {
		stopBroker();
	}

	private void format() {
		try {
			Files.createDirectories(this.logDirectory);
			if (Files.exists(this.logDirectory.resolve("meta.properties"))) {
				return;
			}
			Path config = this.logDirectory.resolveSibling(this.logDirectory.getFileName() + ".properties");
			try (OutputStream out = Files.newOutputStream(config)) {
				properties().store(out, "Warden embedded Kafka");
			}
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int status = StorageTool.execute(
					new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
							config.toString(), "--ignore-formatted" },
					new PrintStream(output, true, StandardCharsets.UTF_8));
			if (status != 0) {
				throw new IllegalStateException(
						"Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka log directory " + this.logDirectory + " is not usable", ex);
		}
	}

	private Properties properties() {
		Properties properties = new Properties();
		properties.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@localhost:" + this.controllerPort),
				Map.entry("listeners",
						"PLAINTEXT://localhost:" + this.port + ",CONTROLLER://localhost:" + this.controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + this.port),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("log.dirs", this.logDirectory.toAbsolutePath().toString()), Map.entry("num.partitions", "3"),
				Map.entry("auto.create.topics.enable", "true"), Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("offsets.topic.num.partitions", "5"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"), Map.entry("log.flush.interval.messages", "1"),
				Map.entry("controlled.shutdown.enable", "false")));
		return properties;
	}

	private void awaitReady() {
		Properties clientProperties = new Properties();
		clientProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		clientProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
		clientProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		try (Admin admin = Admin.create(clientProperties)) {
			while (true) {
				try {
					if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception ex) {
					if (Instant.now().isAfter(deadline)) {
						throw new IllegalStateException("Kafka did not become ready on port " + this.port, ex);
					}
				}
				Thread.sleep(100);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

}
