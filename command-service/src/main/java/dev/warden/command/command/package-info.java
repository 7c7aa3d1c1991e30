/**
 * Submitting commands, judging them, running them and keeping their history.
 */
@NullMarked
package dev.warden.command.command;

import org.jspecify.annotations.NullMarked;
