/**
 * The execution agent: a plain-Java WebSocket client that connects to command-service,
 * runs the shell commands it is sent in the sandbox, and reports how they ended.
 */
@NullMarked
package dev.warden.agent;

import org.jspecify.annotations.NullMarked;
