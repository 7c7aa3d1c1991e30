package dev.warden.audit.log;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Counts over the trail, for admins. */
@RestController
@RequestMapping("/api/v1/audit-logs")
class AuditStatsController {

	static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	/** A bound on the scan: a year, leap or not. */
	static final Duration MAX_RANGE = Duration.ofDays(366);

	static final int MAX_TOP = 100;

	private final AuditStats stats;

	AuditStatsController(AuditStats stats) {
		this.stats = stats;
	}

	@GetMapping("/stats")
	@PreAuthorize(Admins.EXPRESSION)
	AuditStatistics stats(@RequestParam @Nullable String from, @RequestParam @Nullable String to,
			@RequestParam @Nullable String top) {
		ParameterErrors errors = new ParameterErrors();
		Instant start = FilterParameters.time("from", from, errors);
		Instant end = FilterParameters.time("to", to, errors);
		int users = top(top, errors);
		errors.throwIfAny();
		if (end == null) {
			end = (start != null) ? start.plus(DEFAULT_RANGE) : Instant.now();
		}
		if (start == null) {
			start = end.minus(DEFAULT_RANGE);
		}
		if (!start.isBefore(end)) {
			errors.add("to", "must be after from");
		}
		else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
			errors.add("to", "must be at most " + MAX_RANGE.toDays() + " days after from");
		}
		errors.throwIfAny();
		return this.stats.count(start, end, users);
	}

	private static int top(@Nullable String top, ParameterErrors errors) {
		if (top == null || top.isBlank()) {
			return 10;
		}
		try {
			int value = Integer.parseInt(top.strip());
			if (value >= 1 && value <= MAX_TOP) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		errors.add("top", "must be a whole number from 1 to " + MAX_TOP);
		return 10;
	}

}
