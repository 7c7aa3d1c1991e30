/**
 * The audit event every service writes to {@code audit.events}.
 */
@NullMarked
package dev.warden.contracts.audit;

import org.jspecify.annotations.NullMarked;
