package dev.warden.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one agent connected to command-service: connects, authenticates, registers its
 * name, answers commands through a {@link CommandHandler}, and reconnects with
 * full-jitter exponential back-off when the connection ends, unless the server refused
 * the credentials or another agent took the name.
 * <p>
 * Heartbeats are WebSocket ping frames, which the JDK client answers by itself. The
 * client also watches the server: when nothing, not even a ping, has arrived for three
 * heartbeat intervals, it drops the connection and reconnects, so that a half-open TCP
 * connection does not leave the agent deaf.
 */
public final class AgentClient implements AutoCloseable {

	private static final System.Logger log = System.getLogger(AgentClient.class.getName());

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final Settings settings;

	private final CommandHandler handler;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final Backoff backoff;

	private final Semaphore slots;

	private final ReentrantLock sendLock = new ReentrantLock();

	private final AtomicInteger connections = new AtomicInteger();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	private volatile State state = State.NEW;

	private volatile @Nullable WebSocket socket;

	private volatile @Nullable Close lastClose;

	private volatile @Nullable String fatal;

	private volatile long lastReceivedNanos;

	private volatile Duration heartbeat = Duration.ofSeconds(15);

	private @Nullable Thread loop;

	/**
	 * Creates a client; {@link #start()} connects it.
	 * @param settings where and who
	 * @param handler answers commands
	 */
	public AgentClient(Settings settings, CommandHandler handler) {
		this.settings = settings;
		this.handler = handler;
		this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
		this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
		this.slots = new Semaphore(settings.maxConcurrentCommands());
	}

	/** Starts connecting in the background and keeps the agent connected until closed. */
	public synchronized void start() {
		if (this.loop != null) {
			throw new IllegalStateException("Already started");
		}
		this.running = true;
		this.loop = Thread.ofPlatform().daemon().name("warden-agent-" + this.settings.name()).start(this::run);
	}

	/**
	 * Waits until the agent is registered.
	 * @param timeout how long to wait
	 * @return whether it is registered
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitRegistered(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.state != State.REGISTERED) {
			if (System.nanoTime() > deadline || this.state == State.STOPPED) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	/**
	 * Waits until the client has stopped for good: closed, or refused for a reason that
	 * reconnecting cannot fix.
	 * @param timeout how long to wait
	 * @return whether it stopped
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitStopped(Duration timeout) throws InterruptedException {
		return this.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns where the client is.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Returns how the last connection ended.
	 * @return its close code and reason, if one ended
	 */
	public Optional<Close> lastClose() {
		return Optional.ofNullable(this.lastClose);
	}

	/**
	 * Returns why the client stopped by itself.
	 * @return the reason, if it did
	 */
	public Optional<String> fatalReason() {
		return Optional.ofNullable(this.fatal);
	}

	/**
	 * Returns how many connections were opened.
	 * @return the count
	 */
	public int connections() {
		return this.connections.get();
	}

	/** Closes the connection with 1000 and stops reconnecting. */
	@Override
	public void close() {
		this.running = false;
		WebSocket current = this.socket;
		if (current != null && !current.isOutputClosed()) {
			try {
				current.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping").get(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				current.abort();
			}
		}
		Thread thread = this.loop;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.state = State.STOPPED;
		this.stopped.countDown();
	}

	/**
	 * Drops the connection without a close handshake, as a network failure would; the
	 * client reconnects. For tests and for the watchdog.
	 */
	public void abortConnection() {
		WebSocket current = this.socket;
		if (current != null) {
			current.abort();
		}
	}

	private void run() {
		try {
			while (this.running) {
				connectOnce();
				if (!this.running || this.fatal != null) {
					break;
				}
				this.state = State.WAITING;
				Duration delay = this.backoff.next();
				log.log(System.Logger.Level.INFO, "Reconnecting in {0} ms", delay.toMillis());
				Thread.sleep(delay);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (this.fatal != null) {
				log.log(System.Logger.Level.ERROR, "Stopped: {0}", this.fatal);
			}
			this.running = false;
			this.state = State.STOPPED;
			this.stopped.countDown();
		}
	}

	private void connectOnce() throws InterruptedException {
		this.state = State.CONNECTING;
		Listener listener = new Listener();
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
		if (!this.settings.authInMessage()) {
			builder.header(this.settings.credentials().headerName(), this.settings.credentials().headerValue());
		}
		this.settings.extraHeaders().forEach(builder::header);
		WebSocket webSocket;
		try {
			webSocket = builder.buildAsync(this.settings.url(), listener)
				.get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException handshake) {
				int status = handshake.getResponse().statusCode();
				if (status == 401 || status == 403) {
					this.fatal = "the server refused the connection (HTTP " + status + "): "
							+ ((status == 401) ? "the credentials are not valid" : "the Origin is not allowed");
					this.lastClose = new Close(status, "handshake refused");
					return;
				}
				log.log(System.Logger.Level.WARNING, "Handshake failed with HTTP {0}", status);
			}
			else {
				log.log(System.Logger.Level.WARNING, "Could not connect to {0}: {1}", this.settings.url(),
						String.valueOf(ex.getCause()));
			}
			return;
		}
		catch (TimeoutException ex) {
			log.log(System.Logger.Level.WARNING, "Connecting to {0} timed out", this.settings.url());
			return;
		}
		this.socket = webSocket;
		this.connections.incrementAndGet();
		this.lastReceivedNanos = System.nanoTime();
		this.state = State.AUTHENTICATING;
		if (this.settings.authInMessage()) {
			ObjectNode auth = message("auth");
			this.settings.credentials().writeTo(auth);
			send(webSocket, auth);
		}
		else {
			sendRegister(webSocket);
		}
		Close close = awaitClose(webSocket, listener.closed);
		this.lastClose = close;
		this.socket = null;
		if (AgentProtocol.isFatal(close.code())) {
			this.fatal = "the server closed the connection with " + close.code() + " (" + close.reason() + ")";
		}
		else {
			log.log(System.Logger.Level.INFO, "Connection closed: {0} {1}", close.code(), close.reason());
		}
	}

	private Close awaitClose(WebSocket webSocket, CompletableFuture<Close> closed) throws InterruptedException {
		while (true) {
			try {
				return closed.get(1, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				Duration silence = Duration.ofNanos(System.nanoTime() - this.lastReceivedNanos);
				Duration limit = this.heartbeat.multipliedBy(3);
				if (silence.compareTo(limit) > 0) {
					log.log(System.Logger.Level.WARNING, "Nothing from the server for {0} s; reconnecting",
							silence.toSeconds());
					webSocket.abort();
					return new Close(1006, "server silent");
				}
				if (!this.running) {
					webSocket.abort();
					return new Close(WebSocket.NORMAL_CLOSURE, "agent stopping");
				}
			}
			catch (ExecutionException ex) {
				return new Close(1006, String.valueOf(ex.getCause()));
			}
		}
	}

	private void sendRegister(WebSocket webSocket) {
		ObjectNode register = message("register");
		register.put("name", this.settings.name());
		send(webSocket, register);
	}

	private void onMessage(WebSocket webSocket, String text) {
		JsonNode message;
		try {
			message = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			log.log(System.Logger.Level.WARNING, "The server sent a message that is not JSON; ignored");
			return;
		}
		String type = message.path("type").asString("");
		switch (type) {
			case "authenticated" -> {
				if (this.settings.authInMessage()) {
					Thread.ofVirtual().start(() -> sendRegister(webSocket));
				}
			}
			case "registered" -> {
				long seconds = message.path("heartbeat_seconds").asLong(15);
				this.heartbeat = Duration.ofSeconds(Math.max(1, seconds));
				this.backoff.reset();
				this.state = State.REGISTERED;
				log.log(System.Logger.Level.INFO, "Registered as {0}", this.settings.name());
			}
			case "command" -> onCommand(webSocket, message);
			case "ping" -> Thread.ofVirtual().start(() -> send(webSocket, message("pong")));
			case "error" -> {
				String code = message.path("code").asString("");
				log.log(System.Logger.Level.WARNING, "The server reported an error: {0}: {1}", code,
						message.path("message").asString(""));
				if ("invalid_name".equals(code)) {
					this.fatal = "the server refused the name " + this.settings.name() + ": "
							+ message.path("message").asString("");
					webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "invalid name");
				}
			}
			default -> log.log(System.Logger.Level.DEBUG, "Ignored a message of type {0}", type);
		}
	}

	private void onCommand(WebSocket webSocket, JsonNode command) {
		String commandId = command.path("command_id").asString("");
		String method = command.path("method").asString("");
		JsonNode urlNode = command.path("url");
		String url = urlNode.isString() ? urlNode.stringValue() : null;
		JsonNode data = command.path("data").isObject() ? command.get("data") : this.json.createObjectNode();
		if (!this.slots.tryAcquire()) {
			ObjectNode busy = message("result");
			busy.put("command_id", commandId);
			busy.putNull("result");
			busy.put("error", "warden-agent is already running " + this.settings.maxConcurrentCommands()
					+ " commands; try again later");
			send(webSocket, busy);
			return;
		}
		Thread.ofVirtual().name("warden-agent-command").start(() -> {
			ObjectNode result = message("result");
			result.put("command_id", commandId);
			try {
				result.setAll(this.handler.handle(method, url, data));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				result.putNull("result");
				result.put("error", "warden-agent stopped while the command ran");
			}
			catch (RuntimeException ex) {
				log.log(System.Logger.Level.WARNING, "A command failed in the agent", ex);
				result.putNull("result");
				result.put("error", "warden-agent failed to handle the command");
			}
			finally {
				this.slots.release();
			}
			send(webSocket, result);
		});
	}

	private ObjectNode message(String type) {
		ObjectNode message = this.json.createObjectNode();
		message.put("type", type);
		message.put("version", AgentProtocol.VERSION);
		return message;
	}

	/** The JDK client allows one outstanding send at a time; this lines them up. */
	private void send(WebSocket webSocket, JsonNode message) {
		String text = this.json.writeValueAsString(message);
		this.sendLock.lock();
		try {
			if (webSocket.isOutputClosed()) {
				return;
			}
			webSocket.sendText(text, true).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.log(System.Logger.Level.WARNING, "Could not send a message; dropping the connection");
			webSocket.abort();
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/**
	 * Where the agent connects and as whom.
	 *
	 * @param url the server's agent endpoint, {@code ws://host:port/ws/agents}
	 * @param name the agent's name, unique per user
	 * @param credentials the user's API key or access token
	 * @param authInMessage send the credentials in the first message rather than in the
	 * handshake
	 * @param initialBackoff the ceiling of the first reconnect delay
	 * @param maxBackoff the cap of reconnect delays
	 * @param maxConcurrentCommands commands run at once; more are answered "busy"
	 * @param extraHeaders further handshake headers
	 */
	public record Settings(URI url, String name, Credentials credentials, boolean authInMessage,
			Duration initialBackoff, Duration maxBackoff, int maxConcurrentCommands, Map<String, String> extraHeaders) {

		public Settings {
			if (!AgentProtocol.NAME.matcher(name).matches()) {
				throw new IllegalArgumentException(
						"An agent name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
			}
			if (maxConcurrentCommands < 1) {
				throw new IllegalArgumentException("At least one command must be able to run");
			}
			extraHeaders = Map.copyOf(extraHeaders);
		}

		/**
		 * Settings with the defaults: credentials in the handshake, back-off from 1 s to
		 * 60 s, four commands at once.
		 * @param url the server's agent endpoint
		 * @param name the agent's name
		 * @param credentials the credentials
		 * @return the settings
		 */
		public static Settings of(URI url, String name, Credentials credentials) {
			return new Settings(url, name, credentials, false, Duration.ofSeconds(1), Duration.ofSeconds(60), 4,
					Map.of());
		}

		/**
		 * Returns these settings with the credentials sent in the first message.
		 * @return new settings
		 */
		public Settings withAuthInMessage() {
			return new Settings(this.url, this.name, this.credentials, true, this.initialBackoff, this.maxBackoff,
					this.maxConcurrentCommands, this.extraHeaders);
		}

		/**
		 * Returns these settings with other reconnect delays.
		 * @param initial the ceiling of the first delay
		 * @param max the cap
		 * @return new settings
		 */
		public Settings withBackoff(Duration initial, Duration max) {
			return new Settings(this.url, this.name, this.credentials, this.authInMessage, initial, max,
					this.maxConcurrentCommands, this.extraHeaders);
		}

		/**
		 * Returns these settings with a further handshake header.
		 * @param name the header
		 * @param value its value
		 * @return new settings
		 */
		public Settings withHeader(String name, String value) {
			Map<String, String> headers = new java.util.HashMap<>(this.extraHeaders);
			headers.put(name, value);
			return new Settings(this.url, this.name, this.credentials, this.authInMessage, this.initialBackoff,
					this.maxBackoff, this.maxConcurrentCommands, headers);
		}

		@Override
		public String toString() {
			return "Settings[url=" + this.url + ", name=" + this.name + ", credentials=" + this.credentials + "]";
		}

	}

	/** Where the client is. */
	public enum State {

		/** Not started. */
		NEW,

		/** Opening a connection. */
		CONNECTING,

		/** Connected, not registered yet. */
		AUTHENTICATING,

		/** Registered: commands can arrive. */
		REGISTERED,

		/** Waiting to reconnect. */
		WAITING,

		/** Stopped for good. */
		STOPPED

	}

	/**
	 * How a connection ended.
	 *
	 * @param code the WebSocket close code (1006 when it dropped without one)
	 * @param reason the reason the server gave
	 */
	public record Close(int code, String reason) {
	}

	private final class Listener implements WebSocket.Listener {

		private final CompletableFuture<Close> closed = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			AgentClient.this.lastReceivedNanos = System.nanoTime();
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				onMessage(webSocket, message);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			// The JDK answers the ping with a pong by itself.
			AgentClient.this.lastReceivedNanos = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			AgentClient.this.lastReceivedNanos = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(new Close(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(new Close(1006, String.valueOf(error.getMessage())));
		}

	}

}
