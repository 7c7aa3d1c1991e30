/**
 * The producing side of the audit ingest benchmark.
 */
@NullMarked
package dev.warden.benchaudit.producer;

import org.jspecify.annotations.NullMarked;
