package dev.warden.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from zonky's binaries. When the JVM runs as root, zonky starts
 * PostgreSQL in a user namespace ({@code unshare -U}), because PostgreSQL refuses to run
 * as root.
 */
public final class PostgresServer implements EmbeddedServer {

	/** The superuser zonky creates; it authenticates by trust on loopback only. */
	public static final String SUPERUSER = "postgres";

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts PostgreSQL.
	 * @param dataDirectory where the cluster lives; an existing cluster is reused
	 * @param port the port to listen on, or 0 for any free port
	 * @return the running server
	 */
	public static PostgresServer start(Path dataDirectory, int port) {
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort((port != 0) ? port : Ports.free())
				.setPGStartupWait(Duration.ofSeconds(60))
				// The launcher and the test support stop the server themselves, in order.
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "64MB")
				.setServerConfig("fsync", "off".equals(System.getProperty("warden.postgres.fsync")) ? "off" : "on")
				.start();
			return new PostgresServer(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, ex);
		}
	}

	@Override
	public String name() {
		return "postgresql";
	}

	/**
	 * Returns the port PostgreSQL listens on.
	 * @return the port
	 */
	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * Returns the JDBC URL of a database on this server.
	 * @param database the database name
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	/**
	 * Creates a database unless it exists.
	 * @param database a lower-case database name
	 */
	public void createDatabaseIfMissing(String database) {
		if (!DATABASE_NAME.matcher(database).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + database);
		}
		PGSimpleDataSource admin = new PGSimpleDataSource();
		admin.setUrl(jdbcUrl("postgres"));
		admin.setUser(SUPERUSER);
		try (Connection connection = admin.getConnection()) {
			try (PreparedStatement exists = connection
				.prepareStatement("select 1 from pg_database where datname = ?")) {
				exists.setString(1, database);
				try (ResultSet rows = exists.executeQuery()) {
					if (rows.next()) {
						return;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				// The name was checked against a plain-identifier pattern above.
				create.execute("create database " + database);
			}
		}
		catch (SQLException ex) {
			if ("42P04".equals(ex.getSQLState())) {
				return; // created concurrently by someone else
			}
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not stop cleanly", ex);
		}
	}

}
