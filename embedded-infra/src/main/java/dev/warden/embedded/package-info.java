/**
 * Real PostgreSQL, Kafka and Redis servers started from jars on the class path, for the
 * embedded default ({@code ./warden up}) and for tests where no Docker engine answers.
 */
@NullMarked
package dev.warden.embedded;

import org.jspecify.annotations.NullMarked;
