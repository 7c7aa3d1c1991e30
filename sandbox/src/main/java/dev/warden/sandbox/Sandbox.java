package dev.warden.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one shell command within {@link SandboxLimits}.
 * <p>
 * The command runs as {@code /bin/sh -c} in a session of its own (through
 * {@code setsid}), so that everything it starts, including children that detach from
 * their parent, belongs to one process group. When the command ends, or its time is up,
 * that group is killed: nothing a command starts outlives it. Standard input is empty,
 * the environment holds only what the limits name, and output beyond the cap is read and
 * dropped.
 * <p>
 * This is a resource boundary, not a security boundary: the command runs as the same
 * operating-system user as the service. Isolation from that user needs containers or a
 * separate account, and is a deployment decision.
 */
public final class Sandbox {

	private static final String SHELL = "/bin/sh";

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final File NO_INPUT = new File("/dev/null");

	private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	/** How long to wait for the output readers once the process group is gone. */
	private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

	/**
	 * Runs a command and waits for it to end or be killed.
	 * @param command the shell command line
	 * @param limits the limits
	 * @return how it ended
	 * @throws IOException if the process cannot be started
	 * @throws InterruptedException if the calling thread is interrupted; the process
	 * group is killed first
	 */
	public SandboxResult run(String command, SandboxLimits limits) throws IOException, InterruptedException {
		if (command.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("A command must not contain NUL bytes");
		}
		Path directory = limits.workingDirectory().toAbsolutePath();
		Files.createDirectories(directory.resolve(".tmp"));
		ProcessBuilder builder = new ProcessBuilder(argv(command)).directory(directory.toFile())
			.redirectInput(NO_INPUT);
		Map<String, String> environment = builder.environment();
		environment.clear();
		environment.putAll(limits.environment());
		environment.put("PATH", PATH);
		environment.put("HOME", directory.toString());
		environment.put("TMPDIR", directory.resolve(".tmp").toString());
		environment.put("LANG", "C.UTF-8");
		long started = System.nanoTime();
		Process process = builder.start();
		CappedReader stdout = CappedReader.start(process.getInputStream(), limits.outputCap());
		CappedReader stderr = CappedReader.start(process.getErrorStream(), limits.outputCap());
		boolean timedOut = false;
		try {
			if (!process.waitFor(limits.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
				timedOut = true;
			}
		}
		catch (InterruptedException ex) {
			killGroup(process);
			throw ex;
		}
		// Also after a normal exit: background children must not outlive the command.
		killGroup(process);
		int exitCode = process.waitFor();
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		stdout.await(DRAIN_GRACE);
		stderr.await(DRAIN_GRACE);
		return new SandboxResult(exitCode, stdout.text(), stderr.text(), stdout.truncated() || stderr.truncated(),
				timedOut, duration);
	}

	private static List<String> argv(String command) {
		if (Files.isExecutable(SETSID)) {
			return List.of(SETSID.toString(), SHELL, "-c", command);
		}
		return List.of(SHELL, "-c", command);
	}

	/**
	 * Kills the process group the command leads, then any descendant still known, then
	 * the command itself.
	 */
	private static void killGroup(Process process) {
		long pid = process.pid();
		List<ProcessHandle> descendants = process.descendants().toList();
		if (Files.isExecutable(SETSID)) {
			try {
				Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				kill.waitFor(2, TimeUnit.SECONDS);
			}
			catch (IOException ex) {
				// Fall back on the descendants known to the JVM.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
		// Through the handle: Process.destroyForcibly() would also close the output pipes
		// before the readers have drained what the command wrote.
		if (process.isAlive()) {
			process.toHandle().destroyForcibly();
		}
	}

	/** Reads a stream to its end, keeping at most {@code cap} bytes. */
	private static final class CappedReader {

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		private final AtomicBoolean truncated = new AtomicBoolean();

		private final Thread thread;

		private CappedReader(InputStream in, int cap) {
			this.thread = Thread.ofVirtual().name("sandbox-output").start(() -> drain(in, cap));
		}

		static CappedReader start(InputStream in, int cap) {
			return new CappedReader(in, cap);
		}

		private void drain(InputStream in, int cap) {
			byte[] buffer = new byte[8192];
			try (in) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					synchronized (this.kept) {
						int room = cap - this.kept.size();
						if (room > 0) {
							this.kept.write(buffer, 0, Math.min(room, read));
						}
						if (read > room) {
							this.truncated.set(true);
						}
					}
				}
			}
			catch (IOException ex) {
				// The stream closes when the process group is killed; what was read is
				// kept.
			}
		}

		void await(Duration grace) throws InterruptedException {
			if (!this.thread.join(grace)) {
				this.thread.interrupt();
			}
		}

		boolean truncated() {
			return this.truncated.get();
		}

		String text() {
			synchronized (this.kept) {
				return this.kept.toString(StandardCharsets.UTF_8);
			}
		}

	}

}
