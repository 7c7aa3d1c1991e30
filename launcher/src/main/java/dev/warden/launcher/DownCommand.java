package dev.warden.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./warden down}: asks a running launcher to stop everything in order, and cleans
 * up after a launcher that was killed (its services, Redis and PostgreSQL).
 */
final class DownCommand {

	private static final Duration LAUNCHER_GRACE = Duration.ofSeconds(90);

	private final Settings settings;

	private final Console console;

	DownCommand(Settings settings, Console console) {
		this.settings = settings;
		this.console = console;
	}

	int run() throws Exception {
		Optional<StateFile> state = StateFile.read(this.settings.stateFile());
		if (state.isEmpty()) {
			this.console.line("Warden is not running.");
			return 0;
		}
		OptionalLong launcherPid = state.get().launcherPid();
		Optional<ProcessHandle> launcher = launcherPid.isPresent() ? ProcessHandle.of(launcherPid.getAsLong())
				: Optional.empty();
		if (launcher.isPresent() && launcher.get().isAlive()) {
			this.console.step("Stopping Warden (launcher pid " + launcher.get().pid() + ")");
			launcher.get().destroy();
			CompletableFuture<ProcessHandle> exited = launcher.get().onExit();
			try {
				exited.get(LAUNCHER_GRACE.toSeconds(), TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				this.console.fail("The launcher did not stop within " + LAUNCHER_GRACE.toSeconds() + " s; killing it");
				launcher.get().destroyForcibly();
			}
		}
		killLeftovers(state.get(), this.console);
		state.get().delete();
		this.console.ok("Warden is stopped.");
		return 0;
	}

	/** Stops whatever a dead launcher left running. */
	static void killLeftovers(StateFile state, Console console) {
		for (StateFile.Entry entry : state.services()) {
			ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive).ifPresent((process) -> {
				console.waiting("stopping leftover " + entry.name() + " (pid " + entry.pid() + ")");
				terminate(process);
			});
		}
		for (long pid : state.children()) {
			ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent((process) -> {
				console.waiting("stopping leftover infrastructure process " + pid);
				terminate(process);
			});
		}
		// SIGTERM is PostgreSQL's "smart" shutdown; it waits for clients, which are gone
		// by now.
		state.postgresPid()
			.ifPresent((pid) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent((process) -> {
				console.waiting("stopping leftover PostgreSQL (pid " + pid + ")");
				terminate(process);
			}));
	}

	private static void terminate(ProcessHandle process) {
		process.destroy();
		try {
			process.onExit().get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
	}

}
