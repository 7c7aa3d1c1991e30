/**
 * Terminal sessions over WebSocket: PTY and SSH, SSH profiles and keys, recordings and
 * sync.
 */
@NullMarked
package dev.warden.terminal;

import org.jspecify.annotations.NullMarked;
