/**
 * The audit ingest benchmark: audit-service's real ingest beside a plain consumer, and
 * the end-to-end lag from an outbox commit to the trail, in one run
 * (bench/audit-ingest.sh).
 */
@NullMarked
package dev.warden.benchaudit;

import org.jspecify.annotations.NullMarked;
