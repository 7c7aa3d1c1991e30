/**
 * The transactional outbox: events are written in the caller's database transaction and a
 * relay publishes them to Kafka, so that no request waits on Kafka and no event is lost
 * when Kafka is down.
 */
@NullMarked
package dev.warden.platform.outbox;

import org.jspecify.annotations.NullMarked;
