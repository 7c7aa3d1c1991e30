/**
 * Kafka topics every service declares, and Kafka's place in health.
 */
@NullMarked
package dev.warden.platform.kafka;

import org.jspecify.annotations.NullMarked;
