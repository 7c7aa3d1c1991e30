package dev.warden.audit.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.warden.audit.chain.AuditRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/** The formats an export can be written in. */
enum ExportFormat {

	/** RFC 4180 CSV with a header line; see {@link Csv} for the cells. */
	CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)) {

		@Override
		void begin(Writer out) throws IOException {
			out.write(String.join(",", HEADER));
			out.write("\r\n");
		}

		@Override
		void write(AuditRecord record, Writer out, JsonMapper json) throws IOException {
			String[] cells = { Long.toString(record.sequence()), record.eventId().toString(), record.time().toString(),
					record.service(), record.subject(), record.actorKind(), record.actorId(), record.actorName(),
					String.join(" ", record.actorRoles()), record.clientAddress(), record.action(), record.outcome(),
					record.resourceType(), record.resourceId(), record.traceId(),
					json.writeValueAsString(record.details()), record.hash(), record.previousHash() };
			for (int i = 0; i < cells.length; i++) {
				if (i > 0) {
					out.write(',');
				}
				out.write(Csv.cell(cells[i]));
			}
			out.write("\r\n");
		}

	},

	/** One JSON object per line, each the record as the query answers it. */
	JSONL("jsonl", MediaType.parseMediaType("application/x-ndjson")) {

		@Override
		void begin(Writer out) {
		}

		@Override
		void write(AuditRecord record, Writer out, JsonMapper json) throws IOException {
			// Compact JSON escapes line breaks inside strings, so one record is one line.
			out.write(json.writeValueAsString(record));
			out.write('\n');
		}

	};

	/** The columns of a CSV export, in order. */
	static final String[] HEADER = { "sequence", "eventId", "time", "service", "subject", "actorKind", "actorId",
			"actorName", "actorRoles", "clientAddress", "action", "outcome", "resourceType", "resourceId", "traceId",
			"details", "hash", "previousHash" };

	private final String extension;

	private final MediaType mediaType;

	ExportFormat(String extension, MediaType mediaType) {
		this.extension = extension;
		this.mediaType = mediaType;
	}

	String extension() {
		return this.extension;
	}

	MediaType mediaType() {
		return this.mediaType;
	}

	abstract void begin(Writer out) throws IOException;

	abstract void write(AuditRecord record, Writer out, JsonMapper json) throws IOException;

	static ExportFormat parse(@Nullable String value, ParameterErrors errors) {
		if (value == null || value.isBlank()) {
			return CSV;
		}
		for (ExportFormat format : values()) {
			if (format.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
				return format;
			}
		}
		errors.add("format", "must be csv or jsonl");
		return CSV;
	}

}
