/**
 * Asks rules-service what the policy decides for a command, failing closed.
 */
@NullMarked
package dev.warden.command.policy;

import org.jspecify.annotations.NullMarked;
