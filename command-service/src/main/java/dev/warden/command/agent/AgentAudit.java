package dev.warden.command.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The agent audit events, each in its own transaction. Connection events name the agent's
 * user as the actor; a dispatch names whoever asked for it (an admin may drive another
 * user's agent), with the agent's user in the details.
 * <p>
 * A failure to record is logged as an error and does not break the connection: an agent
 * that connects while PostgreSQL is down is better served than refused, and the log line
 * is the trace of the missing record.
 */
@Component
class AgentAudit {

	static final String RESOURCE = "agent";

	private static final Logger log = LoggerFactory.getLogger(AgentAudit.class);

	private final Audit audit;

	AgentAudit(Audit audit) {
		this.audit = audit;
	}

	void connected(AgentConnection connection, AgentId agent, AgentPrincipal principal, String replica) {
		record(AuditEntry.of("agent.connected", Outcome.SUCCESS, RESOURCE, agent.key())
			.detail("agent", agent.name())
			.detail("replica", replica)
			.detail("connectionId", connection.id)
			.detail("credentials", principal.via()), connection, principal);
	}

	void replaced(AgentConnection connection, AgentId agent, AgentPrincipal principal,
			@Nullable AgentLocation previous) {
		record(AuditEntry.of("agent.replaced", Outcome.SUCCESS, RESOURCE, agent.key())
			.detail("agent", agent.name())
			.detail("connectionId", connection.id)
			.detail("previousReplica", (previous != null) ? previous.replica() : null)
			.detail("previousConnectionId", (previous != null) ? previous.connectionId() : null), connection,
				principal);
	}

	void disconnected(AgentConnection connection, AgentId agent, AgentPrincipal principal, CloseStatus status) {
		record(AuditEntry.of("agent.disconnected", Outcome.SUCCESS, RESOURCE, agent.key())
			.detail("agent", agent.name())
			.detail("connectionId", connection.id)
			.detail("code", status.getCode())
			.detail("reason", status.getReason())
			.detail("connectedSeconds", Duration.between(connection.openedAt, Instant.now()).toSeconds()), connection,
				principal);
	}

	void dispatched(AgentId agent, UUID commandId, String method, String via, AgentReply.Status status,
			Duration roundTrip) {
		AuditEntry entry = AuditEntry
			.of("agent.command.dispatched", (status == AgentReply.Status.DELIVERED) ? Outcome.SUCCESS : Outcome.FAILURE,
					RESOURCE, agent.key())
			.detail("agent", agent.name())
			.detail("agentUserId", agent.userId())
			.detail("commandId", commandId.toString())
			.detail("method", method)
			.detail("via", via)
			.detail("status", status.tag())
			.detail("roundTripMs", roundTrip.toMillis());
		try {
			this.audit.recordIndependently(entry);
		}
		catch (RuntimeException ex) {
			log.error("Could not record audit event {} for {}", entry.action(), agent.key(), ex);
		}
	}

	private void record(AuditEntry entry, AgentConnection connection, AgentPrincipal principal) {
		try {
			this.audit.recordIndependently(entry, principal.actor(connection.clientAddress));
		}
		catch (RuntimeException ex) {
			log.error("Could not record audit event {} for {}", entry.action(), entry.resourceId(), ex);
		}
	}

}
