package dev.warden.audit.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.warden.audit.chain.AuditRecordRows;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes every record a filter selects, oldest first, straight from a database cursor to
 * the response. Memory stays constant whatever the size: rows are fetched
 * {@value #FETCH_SIZE} at a time (PostgreSQL only keeps a cursor open, rather than
 * sending the whole result, inside a transaction and with a fetch size) and each is
 * written and forgotten before the next is read.
 */
@Component
class AuditExport {

	static final int FETCH_SIZE = 500;

	private final NamedParameterJdbcTemplate cursor;

	private final TransactionTemplate readOnly;

	private final JsonMapper json;

	AuditExport(DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.cursor = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.json = json;
	}

	/**
	 * Writes the export.
	 * @param filter which records
	 * @param format how
	 * @param out where; not closed
	 * @throws IOException if the client went away
	 */
	void write(AuditFilter filter, ExportFormat format, OutputStream out) throws IOException {
		StringBuilder sql = new StringBuilder("select " + AuditRecordRows.COLUMNS + " from audit_records where true");
		Map<String, Object> parameters = new LinkedHashMap<>();
		filter.appendTo(sql, parameters);
		sql.append(" order by sequence");
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		format.begin(writer);
		AtomicBoolean interrupted = new AtomicBoolean();
		try {
			this.readOnly.executeWithoutResult((status) -> this.cursor.query(sql.toString(), parameters, (row) -> {
				try {
					format.write(AuditRecordRows.MAPPER.mapRow(row, 0), writer, this.json);
				}
				catch (IOException ex) {
					// The client went away and Spring MVC interrupts this thread to end
					// the task. Interrupted, the rollback's own socket I/O would fail
					// and the pool would lose the connection: roll back, then interrupt.
					interrupted.set(Thread.interrupted());
					throw new UncheckedIOException(ex);
				}
			}));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		finally {
			if (interrupted.get()) {
				Thread.currentThread().interrupt();
			}
		}
		writer.flush();
	}

}
