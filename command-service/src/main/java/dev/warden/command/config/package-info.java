/**
 * Wiring that crosses features: executors, schedulers, clients.
 */
@NullMarked
package dev.warden.command.config;

import org.jspecify.annotations.NullMarked;
