package dev.warden.audit.chain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/** Reads audit records from rows of {@code audit_records}. */
public final class AuditRecordRows {

	/** The columns {@link #MAPPER} reads, for a {@code select}. */
	public static final String COLUMNS = "sequence, event_id, time, service, subject, actor_kind, actor_id, "
			+ "actor_name, actor_roles, client_address, action, outcome, resource_type, resource_id, "
			+ "details::text as details, trace_id, hash, previous_hash";

	/** Maps a row selected with {@link #COLUMNS}. */
	public static final RowMapper<AuditRecord> MAPPER = AuditRecordRows::map;

	// Exact decimals: a double would change a number's canonical form, and so the hash.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.build();

	private AuditRecordRows() {
	}

	private static AuditRecord map(ResultSet rs, int row) throws SQLException {
		return new AuditRecord(rs.getLong("sequence"), rs.getObject("event_id", UUID.class),
				rs.getObject("time", OffsetDateTime.class).toInstant(), rs.getString("service"),
				rs.getString("subject"), rs.getString("actor_kind"), rs.getString("actor_id"),
				rs.getString("actor_name"), roles(rs.getArray("actor_roles")), rs.getString("client_address"),
				rs.getString("action"), rs.getString("outcome"), rs.getString("resource_type"),
				rs.getString("resource_id"), JSON.readTree(rs.getString("details")), rs.getString("trace_id"),
				rs.getString("hash"), rs.getString("previous_hash"));
	}

	private static List<String> roles(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
