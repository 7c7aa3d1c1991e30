/**
 * Recording an audit event in one call, through the outbox.
 */
@NullMarked
package dev.warden.platform.audit;

import org.jspecify.annotations.NullMarked;
