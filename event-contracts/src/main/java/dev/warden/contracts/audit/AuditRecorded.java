package dev.warden.contracts.audit;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One audited action. The envelope says who, when, from which service and in which trace;
 * this says what happened to which resource and how it ended.
 *
 * @param action what was done, dotted from general to specific ({@code command.executed})
 * @param outcome how it ended
 * @param resourceType the kind of resource acted on ({@code command}, {@code rule})
 * @param resourceId the resource's identifier, when it has one
 * @param details further facts; values are strings, numbers, booleans, lists or maps
 */
public record AuditRecorded(String action, Outcome outcome, String resourceType, @Nullable String resourceId,
		Map<String, Object> details) {

	/** The envelope type of this event. */
	public static final String TYPE = "audit.recorded";

	/** The current version of this event's schema. */
	public static final int VERSION = 1;

	public AuditRecorded {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(resourceType, "resourceType");
		details = Map.copyOf(details);
	}

}
