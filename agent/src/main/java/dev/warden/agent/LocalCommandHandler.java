package dev.warden.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.warden.sandbox.Sandbox;
import dev.warden.sandbox.SandboxLimits;
import dev.warden.sandbox.SandboxResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers commands on this machine: {@code EXEC} runs a shell command in the sandbox with
 * the same limits as command-service's local executor (capped time, 64 KB per output
 * stream, an environment of {@code PATH}, {@code HOME}, {@code LANG} and {@code TMPDIR}
 * only, the agent's own working directory, the whole process group killed at the end);
 * {@code GET info} describes the agent; anything else is answered with an error.
 */
public final class LocalCommandHandler implements CommandHandler {

	/** The time limit of a command that names none. */
	static final Duration DEFAULT_TIMEOUT = SandboxLimits.DEFAULT_TIMEOUT;

	/**
	 * Longer command lines are refused; the shell would take them, a review would not.
	 */
	static final int MAX_COMMAND_LENGTH = 16 * 1024;

	private static final System.Logger log = System.getLogger(LocalCommandHandler.class.getName());

	private final Sandbox sandbox;

	private final Path workingDirectory;

	private final Duration maxTimeout;

	private final @Nullable AllowList allowList;

	private final String agentName;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Creates the handler.
	 * @param sandbox runs commands
	 * @param workingDirectory where commands run, created if missing
	 * @param maxTimeout the longest time limit a command gets, whatever it asks for
	 * @param allowList the local allow-list, or {@code null} to run what the server sends
	 * @param agentName the agent's name, for {@code GET info}
	 */
	public LocalCommandHandler(Sandbox sandbox, Path workingDirectory, Duration maxTimeout,
			@Nullable AllowList allowList, String agentName) {
		this.sandbox = sandbox;
		this.workingDirectory = workingDirectory;
		this.maxTimeout = maxTimeout;
		this.allowList = allowList;
		this.agentName = agentName;
	}

	@Override
	public ObjectNode handle(String method, @Nullable String url, JsonNode data) throws InterruptedException {
		return switch (method.toUpperCase(Locale.ROOT)) {
			case "EXEC" -> exec(data);
			case "GET" -> ("info".equals(url) || "/info".equals(url)) ? info()
					: error("warden-agent answers GET only for the url 'info'; run shell commands with method EXEC");
			default -> error("warden-agent does not support method " + method + "; it supports EXEC and GET info");
		};
	}

	private ObjectNode exec(JsonNode data) throws InterruptedException {
		JsonNode commandNode = data.path("command");
		if (!commandNode.isString() || commandNode.stringValue().isBlank()) {
			return error("EXEC needs data.command, a non-empty string");
		}
		String command = commandNode.stringValue();
		if (command.length() > MAX_COMMAND_LENGTH || command.indexOf('\0') >= 0) {
			return error("The command is longer than " + MAX_COMMAND_LENGTH + " characters or holds a NUL byte");
		}
		Duration timeout = timeout(data.path("timeout_seconds"));
		if (this.allowList != null) {
			var refusal = this.allowList.refusal(command);
			if (refusal.isPresent()) {
				log.log(System.Logger.Level.INFO, "Refused a command by the local allow-list");
				return outcome(AgentProtocol.EXIT_REFUSED, "", refusal.get() + "\n", false, false, Duration.ZERO);
			}
		}
		try {
			SandboxResult result = this.sandbox.run(command,
					new SandboxLimits(timeout, SandboxLimits.DEFAULT_OUTPUT_CAP, this.workingDirectory, Map.of()));
			return outcome(result.exitCode(), result.stdout(), result.stderr(), result.outputTruncated(),
					result.timedOut(), result.duration());
		}
		catch (IOException ex) {
			return error("The command could not be started: " + ex.getMessage());
		}
	}

	private Duration timeout(JsonNode requested) {
		if (!requested.isNumber() || requested.asLong() <= 0) {
			return min(DEFAULT_TIMEOUT, this.maxTimeout);
		}
		return min(Duration.ofSeconds(requested.asLong()), this.maxTimeout);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private ObjectNode outcome(int exitCode, String stdout, String stderr, boolean truncated, boolean timedOut,
			Duration duration) {
		ObjectNode result = this.json.createObjectNode();
		result.put("exit_code", exitCode);
		result.put("stdout", stdout);
		result.put("stderr", stderr);
		result.put("timed_out", timedOut);
		result.put("output_truncated", truncated);
		result.put("duration_ms", duration.toMillis());
		return result;
	}

	private ObjectNode info() {
		ObjectNode info = this.json.createObjectNode();
		info.put("name", this.agentName);
		info.put("hostname", hostname());
		info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		info.put("arch", System.getProperty("os.arch"));
		info.put("java", Runtime.version().toString());
		info.put("allow_list", this.allowList != null);
		info.put("max_timeout_seconds", this.maxTimeout.toSeconds());
		ObjectNode result = this.json.createObjectNode();
		result.set("result", info);
		return result;
	}

	private ObjectNode error(String message) {
		ObjectNode result = this.json.createObjectNode();
		result.putNull("result");
		result.put("error", message);
		return result;
	}

	private static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
