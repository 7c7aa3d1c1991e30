package dev.warden.command.credit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One movement of credits.
 *
 * @param id the entry
 * @param kind what moved
 * @param availableDelta the change to the spendable balance
 * @param reservedDelta the change to the held amount
 * @param balanceAfter the spendable balance after it
 * @param commandId the command it is for, if any
 * @param actorName who caused it
 * @param note why, for grants
 * @param createdAt when
 */
public record LedgerEntry(UUID id, EntryKind kind, long availableDelta, long reservedDelta, long balanceAfter,
		@Nullable UUID commandId, String actorName, @Nullable String note, Instant createdAt) {
}
