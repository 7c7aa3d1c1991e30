/**
 * The WebSocket relay for {@code /ws/agents} and {@code /ws/terminal}: Spring Cloud
 * Gateway Server WebMVC 5.0 cannot proxy WebSockets, so the gateway terminates the
 * client's WebSocket, authenticates it, and relays frames to the service's own WebSocket.
 */
@NullMarked
package dev.warden.gateway.websocket;

import org.jspecify.annotations.NullMarked;
