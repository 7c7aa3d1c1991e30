package dev.warden.command.approval;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Approvals ({@code warden.approvals.*}).
 *
 * @param ttl how long a request waits for a decision, and how long an approval stays
 * usable after it is granted
 * @param sweepInterval how often lapsed approvals are marked expired
 */
@ConfigurationProperties("warden.approvals")
public record ApprovalProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("30s") Duration sweepInterval) {
}
