/**
 * {@code ./warden}: runs the whole suite on one machine with embedded PostgreSQL, Kafka
 * and Redis, each service as its own JVM.
 */
@NullMarked
package dev.warden.launcher;

import org.jspecify.annotations.NullMarked;
