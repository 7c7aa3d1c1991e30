/**
 * Where a command runs: targets, the executors that serve them, and what a run reports.
 */
@NullMarked
package dev.warden.command.execution;

import org.jspecify.annotations.NullMarked;
