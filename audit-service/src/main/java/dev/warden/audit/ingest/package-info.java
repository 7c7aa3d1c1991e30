/**
 * Ingest from {@code audit.events}: idempotent, one transaction per poll, offsets after
 * the commit, unreadable records to the dead-letter topic.
 */
@NullMarked
package dev.warden.audit.ingest;

import org.jspecify.annotations.NullMarked;
