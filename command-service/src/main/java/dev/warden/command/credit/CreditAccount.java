package dev.warden.command.credit;

import java.time.Instant;

/**
 * A user's credits.
 *
 * @param userId the user
 * @param balance what can be spent now
 * @param reserved what is held for running commands
 * @param updatedAt when it last changed
 */
public record CreditAccount(String userId, long balance, long reserved, Instant updatedAt) {
}
