package dev.warden.audit.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.warden.platform.security.CurrentActor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports the records a filter selects, as CSV or JSON Lines, streamed while they are
 * read: the response has no length and any size is fine.
 */
@RestController
@RequestMapping("/api/v1/audit-logs")
class AuditExportController {

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuditExport export;

	private final CurrentActor actors;

	AuditExportController(AuditExport export, CurrentActor actors) {
		this.export = export;
		this.actors = actors;
	}

	@GetMapping("/export")
	@PreAuthorize(Admins.EXPRESSION)
	ResponseEntity<StreamingResponseBody> export(@ModelAttribute FilterParameters filter,
			@RequestParam @Nullable String format) {
		return stream(filter, format, null);
	}

	@GetMapping("/me/export")
	ResponseEntity<StreamingResponseBody> exportMine(@ModelAttribute FilterParameters filter,
			@RequestParam @Nullable String format) {
		return stream(filter, format, this.actors.get().id());
	}

	private ResponseEntity<StreamingResponseBody> stream(FilterParameters parameters, @Nullable String format,
			@Nullable String onlyActor) {
		// Everything is checked before the first byte: once streaming, an error can only
		// cut the response short.
		ParameterErrors errors = new ParameterErrors();
		AuditFilter checked = parameters.toFilter(errors);
		ExportFormat chosen = ExportFormat.parse(format, errors);
		errors.throwIfAny();
		AuditFilter filter = (onlyActor != null) ? checked.forActor(onlyActor) : checked;
		String filename = "audit-logs-" + FILE_TIME.format(Instant.now()) + "." + chosen.extension();
		return ResponseEntity.ok()
			.contentType(chosen.mediaType())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body((out) -> this.export.write(filter, chosen, out));
	}

}
