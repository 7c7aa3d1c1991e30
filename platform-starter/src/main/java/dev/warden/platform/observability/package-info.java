/**
 * Request ids, platform defaults for health, metrics and JSON logs, and propagation of
 * both across Feign calls.
 */
@NullMarked
package dev.warden.platform.observability;

import org.jspecify.annotations.NullMarked;
