package dev.warden.command.command;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

/**
 * A command as clients see it.
 *
 * @param id the command
 * @param userId who submitted it
 * @param username their name
 * @param command the command line
 * @param target where it runs
 * @param status where it stands
 * @param decision what the policy decided, if it was asked
 * @param reason why it stands where it does, in words
 * @param matches the rules that matched, as JSON
 * @param policyVersion the policy version that decided
 * @param approvalId the approval it waits for or used
 * @param cost its cost in credits
 * @param settlement what happened to those credits
 * @param exitCode its exit status, once it ran
 * @param stdout its standard output, capped
 * @param stderr its standard error, capped
 * @param outputTruncated whether output was cut
 * @param timedOut whether its time ran out
 * @param durationMs how long it ran
 * @param createdAt when it was submitted
 * @param startedAt when it started
 * @param finishedAt when it ended
 */
public record CommandView(UUID id, String userId, String username, String command, String target, CommandStatus status,
		@Nullable String decision, @Nullable String reason, @JsonRawValue String matches, @Nullable Long policyVersion,
		@Nullable UUID approvalId, int cost, Settlement settlement, @Nullable Integer exitCode, @Nullable String stdout,
		@Nullable String stderr, boolean outputTruncated, boolean timedOut, @Nullable Long durationMs,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
}
