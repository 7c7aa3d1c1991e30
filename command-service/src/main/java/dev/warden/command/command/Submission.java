package dev.warden.command.command;

import java.time.Duration;

import dev.warden.command.execution.Target;

/**
 * A command to submit.
 *
 * @param command the command line
 * @param target where it is to run
 * @param timeout how long it may run
 * @param fingerprint what identifies this request for its idempotency key
 */
record Submission(String command, Target target, Duration timeout, String fingerprint) {
}
