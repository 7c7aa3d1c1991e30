/**
 * Idempotency keys for submissions, as the IETF Idempotency-Key draft describes.
 */
@NullMarked
package dev.warden.command.idempotency;

import org.jspecify.annotations.NullMarked;
