package dev.warden.command.execution;

/**
 * Who asked for a command to run.
 *
 * @param userId the user's id (the token's subject)
 * @param username the user's name
 * @param admin whether the user is an administrator
 */
public record Requester(String userId, String username, boolean admin) {
}
