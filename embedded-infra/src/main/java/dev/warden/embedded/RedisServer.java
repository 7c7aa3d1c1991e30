package dev.warden.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** A real Redis server from the binary that {@code embedded-redis} ships. */
public final class RedisServer implements EmbeddedServer {

	private final redis.embedded.RedisServer server;

	private final int port;

	private RedisServer(redis.embedded.RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts Redis.
	 * @param dataDirectory where Redis keeps its append-only file, or {@code null} to
	 * keep nothing on disk
	 * @param port the port, or 0 for any free port
	 * @return the running server
	 */
	public static RedisServer start(@Nullable Path dataDirectory, int port) {
		int actualPort = (port != 0) ? port : Ports.free();
		try {
			var builder = redis.embedded.RedisServer.newRedisServer().port(actualPort).bind("127.0.0.1");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setting("dir " + dataDirectory.toAbsolutePath()).setting("appendonly yes");
			}
			else {
				builder.setting("save \"\"").setting("appendonly no");
			}
			redis.embedded.RedisServer server = builder.setting("maxmemory 256mb")
				.setting("maxmemory-policy noeviction")
				.build();
			server.start();
			return new RedisServer(server, actualPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis did not start on port " + actualPort, ex);
		}
	}

	@Override
	public String name() {
		return "redis";
	}

	/**
	 * Returns the port Redis listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the address in the form Redisson expects.
	 * @return {@code redis://127.0.0.1:port}
	 */
	public String address() {
		return "redis://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		try {
			if (this.server.isActive()) {
				this.server.stop();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis did not stop cleanly", ex);
		}
	}

}
