/**
 * Execution agents: the {@code /ws/agents} WebSocket they connect to, the registry that
 * finds an agent on whichever replica holds its connection, the dispatch API, and the
 * {@code agent} executor that runs commands on them.
 */
@NullMarked
package dev.warden.command.agent;

import org.jspecify.annotations.NullMarked;
