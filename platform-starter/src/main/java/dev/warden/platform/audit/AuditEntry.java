package dev.warden.platform.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * What to record about an action; who, when, where from and in which trace are added by
 * {@link Audit}.
 *
 * @param action what was done ({@code command.executed})
 * @param outcome how it ended
 * @param resourceType the kind of resource ({@code command})
 * @param resourceId its id, if it has one
 * @param details further facts, without secrets
 */
public record AuditEntry(String action, Outcome outcome, String resourceType, @Nullable String resourceId,
		Map<String, Object> details) {

	public AuditEntry {
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * Starts an entry.
	 * @param action what was done
	 * @param outcome how it ended
	 * @param resourceType the kind of resource
	 * @param resourceId its id, or {@code null}
	 * @return the entry
	 */
	public static AuditEntry of(String action, Outcome outcome, String resourceType, @Nullable Object resourceId) {
		return new AuditEntry(action, outcome, resourceType, (resourceId != null) ? resourceId.toString() : null,
				Map.of());
	}

	/**
	 * Returns this entry with one more detail; a {@code null} value adds nothing.
	 * @param name the detail's name
	 * @param value its value: a string, number, boolean, list or map
	 * @return a new entry
	 */
	public AuditEntry detail(String name, @Nullable Object value) {
		if (value == null) {
			return this;
		}
		Map<String, Object> more = new LinkedHashMap<>(this.details);
		more.put(name, value);
		return new AuditEntry(this.action, this.outcome, this.resourceType, this.resourceId, more);
	}

	AuditRecorded toEvent() {
		return new AuditRecorded(this.action, this.outcome, this.resourceType, this.resourceId, this.details);
	}

}
