package dev.warden.benchaudit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The benchmark's own reads of one database, outside the services' pools. Times come from
 * PostgreSQL: {@code pg_xact_commit_timestamp(xmin)} is the commit time of the
 * transaction that wrote a row, on the server's clock, which is the same clock for every
 * database of the cluster.
 */
final class Database {

	private final String url;

	Database(String url) {
		this.url = url;
	}

	long count(String sql) {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/**
	 * Returns the commits that wrote the given events into a table, oldest first.
	 * @return pairs of commit time (µs since the epoch) and rows
	 */
	List<long[]> commits(String table, List<UUID> ids) {
		String sql = "select (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint as at, count(*) "
				+ "from " + table + " where event_id = any(?) group by 1 order by 1";
		List<long[]> commits = new ArrayList<>();
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					commits.add(new long[] { rows.getLong(1), rows.getLong(2) });
				}
			}
			return commits;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/**
	 * Returns, per event id, the numeric columns of a query whose first column is the id.
	 * @return the rows by id
	 */
	Map<UUID, long[]> byEvent(String sql, int columns) {
		Map<UUID, long[]> found = new HashMap<>();
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setFetchSize(10_000);
			connection.setAutoCommit(false);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					long[] values = new long[columns];
					for (int i = 0; i < columns; i++) {
						values[i] = rows.getLong(i + 2);
					}
					long[] previous = found.put(rows.getObject(1, UUID.class), values);
					if (previous != null) {
						throw new IllegalStateException("Query returned an event twice: " + sql);
					}
				}
			}
			return found;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private Connection connect() throws SQLException {
		Properties user = new Properties();
		user.setProperty("user", "postgres");
		return DriverManager.getConnection(this.url, user);
	}

}
