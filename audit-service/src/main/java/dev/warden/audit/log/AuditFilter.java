package dev.warden.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which records a query, an export or a member's view selects; a filter left out does not
 * constrain. Always built from checked parameters ({@link FilterParameters}).
 *
 * @param actorId only records of this actor
 * @param actionPrefix only actions starting with this
 * @param outcome only this outcome
 * @param resourceType only resources of this type
 * @param resourceId only this resource
 * @param service only records reported by this service
 * @param from only records at or after this time
 * @param to only records before this time
 * @param text only records whose details contain every word of this text
 */
record AuditFilter(@Nullable String actorId, @Nullable String actionPrefix, @Nullable String outcome,
		@Nullable String resourceType, @Nullable String resourceId, @Nullable String service, @Nullable Instant from,
		@Nullable Instant to, @Nullable String text) {

	/**
	 * The indexed document of a record. It must stay exactly the expression of the index
	 * {@code audit_records_search} (V2 migration), or the planner will not use the index.
	 */
	static final String SEARCH_VECTOR = "jsonb_to_tsvector('simple'::regconfig, details, '[\"string\", \"numeric\"]'::jsonb)";

	/**
	 * The same filter, restricted to one actor whatever it asked for: a member's own
	 * view.
	 * @param actorId the actor
	 * @return the restricted filter
	 */
	AuditFilter forActor(String actorId) {
		return new AuditFilter(actorId, this.actionPrefix, this.outcome, this.resourceType, this.resourceId,
				this.service, this.from, this.to, this.text);
	}

	/**
	 * Appends the conditions of this filter to a {@code where} clause that already has a
	 * first condition, binding every value as a parameter.
	 * @param sql the statement being built
	 * @param parameters the parameters, to add to
	 */
	void appendTo(StringBuilder sql, Map<String, Object> parameters) {
		condition(sql, parameters, "actor_id = :actorId", "actorId", this.actorId);
		condition(sql, parameters, "starts_with(action, :action)", "action", this.actionPrefix);
		condition(sql, parameters, "outcome = :outcome", "outcome", this.outcome);
		condition(sql, parameters, "resource_type = :resourceType", "resourceType", this.resourceType);
		condition(sql, parameters, "resource_id = :resourceId", "resourceId", this.resourceId);
		condition(sql, parameters, "service = :service", "service", this.service);
		condition(sql, parameters, "time >= :from", "from",
				(this.from != null) ? OffsetDateTime.ofInstant(this.from, ZoneOffset.UTC) : null);
		condition(sql, parameters, "time < :to", "to",
				(this.to != null) ? OffsetDateTime.ofInstant(this.to, ZoneOffset.UTC) : null);
		// plainto_tsquery, not to_tsquery or websearch_to_tsquery: any input is valid
		// (never a syntax error), every word must occur, and a leading '-' (as in
		// "rm -rf") is not read as "not".
		condition(sql, parameters, SEARCH_VECTOR + " @@ plainto_tsquery('simple'::regconfig, :text)", "text",
				this.text);
	}

	private static void condition(StringBuilder sql, Map<String, Object> parameters, String condition, String name,
			@Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			parameters.put(name, value);
		}
	}

}
