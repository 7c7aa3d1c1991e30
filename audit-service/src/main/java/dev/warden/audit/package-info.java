/**
 * The lossless, tamper-evident audit trail: ingest from Kafka, hash chain, search and
 * export.
 */
@NullMarked
package dev.warden.audit;

import org.jspecify.annotations.NullMarked;
