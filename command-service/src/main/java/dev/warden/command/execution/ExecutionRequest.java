package dev.warden.command.execution;

import java.time.Duration;
import java.util.UUID;

/**
 * One command to run on a target.
 *
 * @param commandId the command's id, which agents echo back
 * @param command the command line, exactly as approved or allowed
 * @param target where it runs
 * @param requester who asked for it
 * @param timeout how long it may run
 */
public record ExecutionRequest(UUID commandId, String command, Target target, Requester requester, Duration timeout) {
}
