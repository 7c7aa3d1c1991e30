package dev.warden.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a running {@code ./warden up} started, so that {@code status} and {@code down} can
 * find it from another terminal, and {@code down} can clean up after a launcher that was
 * killed.
 */
final class StateFile {

	private final Path file;

	private final Properties values;

	private StateFile(Path file, Properties values) {
		this.file = file;
		this.values = values;
	}

	static StateFile create(Path file) {
		return new StateFile(file, new Properties());
	}

	static Optional<StateFile> read(Path file) {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		Properties values = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			values.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return Optional.of(new StateFile(file, values));
	}

	void launcher(long pid) {
		this.values.setProperty("launcher.pid", Long.toString(pid));
	}

	OptionalLong launcherPid() {
		return number("launcher.pid");
	}

	void postgres(int port, OptionalLong pid) {
		this.values.setProperty("postgres.port", Integer.toString(port));
		pid.ifPresent((value) -> this.values.setProperty("postgres.pid", Long.toString(value)));
	}

	OptionalLong postgresPid() {
		return number("postgres.pid");
	}

	void service(ServiceInstance instance, long pid) {
		String prefix = "service." + instance.name() + ".";
		this.values.setProperty(prefix + "port", Integer.toString(instance.port()));
		this.values.setProperty(prefix + "pid", Long.toString(pid));
	}

	void child(String name, long pid) {
		this.values.setProperty("child." + name + ".pid", Long.toString(pid));
	}

	List<Entry> services() {
		List<Entry> entries = new ArrayList<>();
		for (String key : this.values.stringPropertyNames().stream().sorted().toList()) {
			if (key.startsWith("service.") && key.endsWith(".port")) {
				String name = key.substring("service.".length(), key.length() - ".port".length());
				entries.add(new Entry(name, Integer.parseInt(this.values.getProperty(key)),
						number("service." + name + ".pid").orElse(-1)));
			}
		}
		return entries;
	}

	List<Long> children() {
		return this.values.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith("child.") && key.endsWith(".pid"))
			.map((key) -> Long.parseLong(this.values.getProperty(key)))
			.toList();
	}

	void save() {
		try {
			Files.createDirectories(this.file.getParent());
			Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			try (OutputStream out = Files.newOutputStream(temporary)) {
				this.values.store(out, "Written by ./warden up; read by ./warden status and ./warden down");
			}
			Files.move(temporary, this.file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// A stale state file is detected by the dead launcher pid next time.
		}
	}

	private OptionalLong number(String key) {
		String value = this.values.getProperty(key);
		try {
			return (value != null) ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * One service copy in the state file.
	 *
	 * @param name the copy's name
	 * @param port its port
	 * @param pid its process id
	 */
	record Entry(String name, int port, long pid) {
	}

}
