package dev.warden.audit.log;

import org.jspecify.annotations.Nullable;

/**
 * Where a page starts and how long it is, as sent.
 *
 * @param cursor the {@code next} of the previous page; absent for the first page
 * @param limit how many records, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} if
 * absent
 */
record PageParameters(@Nullable String cursor, @Nullable String limit) {

	static final int MAX_LIMIT = 500;

	static final int DEFAULT_LIMIT = 50;

	@Nullable Long after(ParameterErrors errors) {
		if (this.cursor == null || this.cursor.isBlank()) {
			return null;
		}
		Long sequence = Cursors.decode(this.cursor);
		if (sequence == null) {
			errors.add("cursor", "is not a cursor this service returned");
		}
		return sequence;
	}

	int size(ParameterErrors errors) {
		if (this.limit == null || this.limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		try {
			int size = Integer.parseInt(this.limit.strip());
			if (size >= 1 && size <= MAX_LIMIT) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
		return DEFAULT_LIMIT;
	}

}
