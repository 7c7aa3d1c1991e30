package dev.warden.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.warden.embedded.Ports;

/**
 * {@code ./warden status}: what runs, on which port, whether it is ready, and its memory.
 */
final class StatusCommand {

	private final Settings settings;

	private final Console console;

	StatusCommand(Settings settings, Console console) {
		this.settings = settings;
		this.console = console;
	}

	int run() {
		Optional<StateFile> state = StateFile.read(this.settings.stateFile());
		long launcher = state.flatMap((file) -> {
			long pid = file.launcherPid().orElse(-1);
			return (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) ? Optional.of(pid)
					: Optional.empty();
		}).orElse(-1L);
		if (state.isEmpty() || launcher < 0) {
			this.console.line("Warden is not running." + (state.isPresent()
					? " (A launcher died and left a state file; ./warden down cleans up after it.)" : ""));
			return 3;
		}
		this.console.line("Warden is running (launcher pid " + launcher + ").");
		this.console.line("");
		this.console.line(String.format("  %-20s %7s %6s  %-12s %8s", "SERVICE", "PID", "PORT", "STATE", "RSS"));
		boolean allReady = true;
		for (StateFile.Entry entry : state.get().services()) {
			boolean alive = ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false);
			String readiness = !alive ? "stopped" : switch (ServiceProcess.readiness(entry.port())) {
				case READY -> "ready";
				case NOT_READY -> "not ready";
				case UNREACHABLE -> "starting";
			};
			allReady &= "ready".equals(readiness);
			this.console.line(String.format("  %-20s %7d %6d  %-12s %5s MB", entry.name(), entry.pid(), entry.port(),
					readiness, alive ? residentMegabytes(entry.pid()) : "-"));
		}
		this.console.line("");
		this.console.line(String.format("  %-20s %6d  %s", "postgresql", this.settings.postgresPort(),
				Ports.inUse(this.settings.postgresPort()) ? "up" : "down"));
		this.console.line(String.format("  %-20s %6d  %s", "kafka", this.settings.kafkaPort(),
				Ports.inUse(this.settings.kafkaPort()) ? "up" : "down"));
		this.console.line(String.format("  %-20s %6d  %s", "redis", this.settings.redisPort(),
				Ports.inUse(this.settings.redisPort()) ? "up" : "down"));
		return allReady ? 0 : 1;
	}

	/**
	 * Returns a process's resident memory, from {@code /proc} on Linux.
	 * @param pid the process
	 * @return megabytes, or {@code ?} where {@code /proc} is not available
	 */
	static String residentMegabytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return Long.toString(kilobytes / 1024);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process is gone.
		}
		return "?";
	}

}
