package dev.warden.audit.log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import dev.warden.contracts.audit.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The filter parameters every query, export and member's view takes, as sent. Bound as
 * strings and checked here, so that any bad value is a {@code validation} problem that
 * names its field rather than a conversion error.
 *
 * @param actorId the actor's user id (exact)
 * @param action a prefix of the action, for example {@code command.}
 * @param outcome {@code SUCCESS}, {@code FAILURE}, {@code DENIED} or {@code PENDING}
 * @param resourceType the resource's type (exact)
 * @param resourceId the resource's id (exact)
 * @param service the reporting service (exact)
 * @param from the earliest time, inclusive: ISO-8601 with an offset, or a date (its
 * start, UTC)
 * @param to the latest time, exclusive, in the same forms
 * @param q words that must all occur in the details (full-text)
 */
record FilterParameters(@Nullable String actorId, @Nullable String action, @Nullable String outcome,
		@Nullable String resourceType, @Nullable String resourceId, @Nullable String service, @Nullable String from,
		@Nullable String to, @Nullable String q) {

	static final int MAX_LENGTH = 200;

	/** The earliest time a filter may name: 0001-01-01T00:00:00Z. */
	static final Instant EARLIEST = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

	/** The first time a filter may no longer name: 10000-01-01T00:00:00Z. */
	static final Instant LATEST = LocalDate.of(10000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

	/**
	 * Checks the parameters.
	 * @param errors where to report invalid ones
	 * @return the filter; meaningless if {@code errors} got any
	 */
	AuditFilter toFilter(ParameterErrors errors) {
		Instant start = time("from", this.from, errors);
		Instant end = time("to", this.to, errors);
		if (start != null && end != null && !start.isBefore(end)) {
			errors.add("to", "must be after from");
		}
		return new AuditFilter(text("actorId", this.actorId, errors), text("action", this.action, errors),
				outcome(errors), text("resourceType", this.resourceType, errors),
				text("resourceId", this.resourceId, errors), text("service", this.service, errors), start, end,
				text("q", this.q, errors));
	}

	private @Nullable String outcome(ParameterErrors errors) {
		String value = text("outcome", this.outcome, errors);
		if (value == null) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT);
		if (Arrays.stream(Outcome.values()).noneMatch((known) -> known.name().equals(upper))) {
			errors.add("outcome", "must be one of SUCCESS, FAILURE, DENIED, PENDING");
			return null;
		}
		return upper;
	}

	/** A blank parameter is an absent one; a very long one is refused. */
	static @Nullable String text(String field, @Nullable String value, ParameterErrors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_LENGTH) {
			errors.add(field, "must be at most " + MAX_LENGTH + " characters");
			return null;
		}
		if (value.indexOf('\0') >= 0) {
			// PostgreSQL text cannot hold NUL; the driver would fail on it.
			errors.add(field, "must not contain NUL characters");
			return null;
		}
		return value;
	}

	static @Nullable Instant time(String field, @Nullable String value, ParameterErrors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant time;
		try {
			time = OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				time = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notADate) {
				errors.add(field, "must be an ISO-8601 time with an offset (2026-11-23T10:15:30Z) or a date");
				return null;
			}
		}
		// Java reads years up to ±999,999,999, PostgreSQL and LocalDateTime do not: such
		// a time (or one a default range is added to) failed deep in a query.
		if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
			errors.add(field, "must be from year 1 to year 9999");
			return null;
		}
		return time;
	}

}
