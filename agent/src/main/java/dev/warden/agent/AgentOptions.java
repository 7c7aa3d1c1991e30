package dev.warden.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The agent's command line. Secrets are never taken as option values, because every user
 * on the machine can read a process's arguments: the API key or token comes from the
 * environment or from a file.
 *
 * @param url the server's agent endpoint
 * @param name the agent's name
 * @param credentials the API key or token
 * @param authInMessage send the credentials in the first message
 * @param workDir where commands run
 * @param allowList the allow-list file, if any
 * @param maxTimeout the longest time limit a command gets
 * @param maxBackoff the cap of reconnect delays
 * @param concurrency how many commands run at once
 */
record AgentOptions(URI url, String name, Credentials credentials, boolean authInMessage, Path workDir,
		@Nullable Path allowList, Duration maxTimeout, Duration maxBackoff, int concurrency) {

	static final String DEFAULT_URL = "ws://localhost:8082/ws/agents";

	static final String USAGE = """
			Usage: java -jar warden-agent.jar [options]

			Connects this machine to Warden's command-service as an execution agent, runs the shell
			commands Warden sends (method EXEC) in a sandbox, and reports their exit code and output.

			Credentials (never as an option value: other users can read a process's arguments):
			  WARDEN_API_KEY=<key>       an API key of the user the agent acts for (recommended)
			  --api-key-file FILE        read the API key from FILE instead
			  WARDEN_TOKEN=<jwt>         an access token instead of a key; the agent stops when it expires
			  --token-file FILE          read the access token from FILE instead

			Options:
			  --url URL                  the agent endpoint (env WARDEN_AGENT_URL; default %s)
			  --name NAME                the agent's name, unique per user; commands target agent:NAME
			                             (env WARDEN_AGENT_NAME; default: this host's name)
			  --work-dir DIR             where commands run, their HOME (default ~/.warden-agent/work)
			  --allow-list FILE          run only commands that match a pattern in FILE (one per line,
			                             * matches anything, # comments); others exit 126 without running
			  --max-timeout SECONDS      the longest a command may run, whatever it asks (default 300)
			  --max-backoff SECONDS      the longest wait between reconnects (default 60)
			  --concurrency N            commands run at once; more are answered "busy" (default 4)
			  --auth-in-message          send the credentials in the first message, not the handshake
			  --help                     print this and exit

			Exit status: 0 when stopped by a signal, 2 for a usage error, 3 when the server refused
			the credentials or another agent registered under the same name.
			""".formatted(DEFAULT_URL);

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @param env the environment
	 * @return the options
	 * @throws UsageException if they are wrong
	 */
	static AgentOptions parse(String[] args, Map<String, String> env) {
		String url = env.getOrDefault("WARDEN_AGENT_URL", DEFAULT_URL);
		String name = env.get("WARDEN_AGENT_NAME");
		Path apiKeyFile = null;
		Path tokenFile = null;
		boolean authInMessage = false;
		Path workDir = Path.of(System.getProperty("user.home"), ".warden-agent", "work");
		Path allowList = null;
		long maxTimeout = 300;
		long maxBackoff = 60;
		int concurrency = 4;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--help", "-h" -> throw new UsageException(null);
				case "--auth-in-message" -> authInMessage = true;
				case "--api-key", "--token" -> throw new UsageException(arg
						+ " is not accepted: other users can read a process's arguments. Set WARDEN_API_KEY or WARDEN_TOKEN, or use "
						+ arg + "-file.");
				default -> {
					if (i + 1 >= args.length) {
						throw new UsageException("Unknown option or missing value: " + arg);
					}
					String value = args[++i];
					switch (arg) {
						case "--url" -> url = value;
						case "--name" -> name = value;
						case "--api-key-file" -> apiKeyFile = Path.of(value);
						case "--token-file" -> tokenFile = Path.of(value);
						case "--work-dir" -> workDir = Path.of(value);
						case "--allow-list" -> allowList = Path.of(value);
						case "--max-timeout" -> maxTimeout = positive(arg, value);
						case "--max-backoff" -> maxBackoff = positive(arg, value);
						case "--concurrency" -> concurrency = (int) Math.min(positive(arg, value), 64);
						default -> throw new UsageException("Unknown option: " + arg);
					}
				}
			}
		}
		URI uri = URI.create(url);
		if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
			throw new UsageException("--url must be a ws:// or wss:// URL");
		}
		if (uri.getRawQuery() != null) {
			throw new UsageException("--url must not carry a query: credentials never go into a URL");
		}
		String agentName = (name != null) ? name : defaultName(env);
		if (!AgentProtocol.NAME.matcher(agentName).matches()) {
			throw new UsageException("--name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
					+ " or digit: " + agentName);
		}
		return new AgentOptions(uri, agentName, credentials(env, apiKeyFile, tokenFile), authInMessage, workDir,
				allowList, Duration.ofSeconds(maxTimeout), Duration.ofSeconds(maxBackoff), concurrency);
	}

	private static Credentials credentials(Map<String, String> env, @Nullable Path apiKeyFile,
			@Nullable Path tokenFile) {
		if (apiKeyFile != null) {
			return new Credentials.ApiKey(read(apiKeyFile));
		}
		if (tokenFile != null) {
			return new Credentials.BearerToken(read(tokenFile));
		}
		String key = env.get("WARDEN_API_KEY");
		if (key != null && !key.isBlank()) {
			return new Credentials.ApiKey(key.strip());
		}
		String token = env.get("WARDEN_TOKEN");
		if (token != null && !token.isBlank()) {
			return new Credentials.BearerToken(token.strip());
		}
		throw new UsageException("No credentials: set WARDEN_API_KEY (or WARDEN_TOKEN), or pass --api-key-file FILE.");
	}

	private static String read(Path file) {
		try {
			String value = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (value.isEmpty()) {
				throw new UsageException(file + " is empty");
			}
			return value;
		}
		catch (IOException ex) {
			throw new UsageException("Cannot read " + file + ": " + ex.getMessage());
		}
	}

	private static long positive(String option, String value) {
		try {
			long parsed = Long.parseLong(value);
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new UsageException(option + " takes a positive whole number");
	}

	private static String defaultName(Map<String, String> env) {
		String host = env.get("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "agent";
			}
		}
		String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
		if (cleaned.isEmpty()) {
			return "agent";
		}
		return (cleaned.length() > 64) ? cleaned.substring(0, 64) : cleaned;
	}

	/** A wrong command line; without a message, a request for help. */
	static final class UsageException extends RuntimeException {

		UsageException(@Nullable String message) {
			super(message);
		}

	}

}
