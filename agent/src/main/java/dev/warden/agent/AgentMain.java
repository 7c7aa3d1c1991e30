package dev.warden.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

import dev.warden.sandbox.Sandbox;

/** Runs the agent until it is stopped or refused. */
public final class AgentMain {

	private AgentMain() {
	}

	/**
	 * Runs the agent.
	 * @param args see {@code --help}
	 */
	public static void main(String[] args) {
		System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %5$s%6$s%n");
		PrintStream out = System.out;
		PrintStream err = System.err;
		AgentOptions options;
		try {
			options = AgentOptions.parse(args, System.getenv());
		}
		catch (AgentOptions.UsageException ex) {
			if (ex.getMessage() == null) {
				out.print(AgentOptions.USAGE);
				System.exit(0);
				return;
			}
			err.println("warden-agent: " + ex.getMessage());
			err.println("Run with --help for the options.");
			System.exit(2);
			return;
		}
		AllowList allowList = null;
		if (options.allowList() != null) {
			try {
				allowList = AllowList.load(options.allowList());
			}
			catch (IOException ex) {
				err.println("warden-agent: cannot read the allow-list " + options.allowList() + ": " + ex.getMessage());
				System.exit(2);
				return;
			}
		}
		LocalCommandHandler handler = new LocalCommandHandler(new Sandbox(), options.workDir(), options.maxTimeout(),
				allowList, options.name());
		AgentClient.Settings settings = new AgentClient.Settings(options.url(), options.name(), options.credentials(),
				options.authInMessage(), Duration.ofSeconds(1), options.maxBackoff(), options.concurrency(),
				java.util.Map.of());
		AgentClient client = new AgentClient(settings, handler);
		Runtime.getRuntime().addShutdownHook(new Thread(client::close, "warden-agent-shutdown"));
		err.println("warden-agent: connecting to " + options.url() + " as " + options.name()
				+ ((allowList != null) ? " with an allow-list of " + allowList.size() + " pattern(s)" : ""));
		client.start();
		try {
			while (!client.awaitStopped(Duration.ofMinutes(1))) {
				// Keeps the main thread until the client stops.
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (client.fatalReason().isPresent()) {
			err.println("warden-agent: stopped: " + client.fatalReason().get());
			System.exit(3);
		}
	}

}
