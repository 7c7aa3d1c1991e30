package dev.warden.command.approval;

/**
 * Who reads approvals.
 *
 * @param userId the caller
 * @param admin whether they are an administrator
 */
public record Viewer(String userId, boolean admin) {
}
