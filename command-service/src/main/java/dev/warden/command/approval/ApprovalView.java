package dev.warden.command.approval;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

/**
 * An approval as clients see it.
 *
 * @param id the approval
 * @param status where it stands
 * @param requesterId who asked
 * @param requesterName their name
 * @param command the exact command text it covers
 * @param target where that command may run
 * @param explanation why the policy asked for approval
 * @param matches the rules that matched, as JSON
 * @param policyVersion the policy version that asked
 * @param requestedAt when it was requested
 * @param expiresAt when it lapses: undecided, or approved and unused
 * @param decidedById the administrator who decided
 * @param decidedByName their name
 * @param decidedAt when
 * @param note what they said
 * @param consumedAt when it was used
 * @param consumedBy the command that used it
 */
public record ApprovalView(UUID id, ApprovalStatus status, String requesterId, String requesterName, String command,
		String target, @Nullable String explanation, @JsonRawValue String matches, @Nullable Long policyVersion,
		Instant requestedAt, Instant expiresAt, @Nullable String decidedById, @Nullable String decidedByName,
		@Nullable Instant decidedAt, @Nullable String note, @Nullable Instant consumedAt, @Nullable UUID consumedBy) {
}
