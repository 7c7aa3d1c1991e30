/**
 * Rules as administrators manage them: create, change, delete, history, conflict checks,
 * the default pack, and the events that make every replica reload.
 */
@NullMarked
package dev.warden.rules.rule;

import org.jspecify.annotations.NullMarked;
