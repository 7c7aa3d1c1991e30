package dev.warden.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One stored audit record, as the chain sees it.
 *
 * @param sequence the record's place in the chain, from 1 without gaps
 * @param eventId the id of the event it was stored from
 * @param time when the action happened, to the microsecond
 * @param service the service that reported it
 * @param subject what the event was about
 * @param actorKind what sort of actor acted
 * @param actorId who acted
 * @param actorName the actor's display name at the time
 * @param actorRoles the actor's roles at the time
 * @param clientAddress the client's address, when there was a request
 * @param action what was done
 * @param outcome how it ended
 * @param resourceType the kind of resource acted on
 * @param resourceId the resource, when it has an id
 * @param details further facts
 * @param traceId the trace, when there was one
 * @param hash the record's hash
 * @param previousHash the hash of the record before it
 */
public record AuditRecord(long sequence, UUID eventId, Instant time, String service, String subject, String actorKind,
		String actorId, String actorName, List<String> actorRoles, @Nullable String clientAddress, String action,
		String outcome, String resourceType, @Nullable String resourceId, JsonNode details, @Nullable String traceId,
		String hash, String previousHash) {

	public AuditRecord {
		actorRoles = List.copyOf(actorRoles);
	}

}
