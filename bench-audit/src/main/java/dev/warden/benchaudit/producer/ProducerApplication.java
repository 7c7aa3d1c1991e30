package dev.warden.benchaudit.producer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A producing service for the benchmark: the platform starter alone, whose {@code Audit}
 * writes events into the outbox of its own database and whose {@code OutboxRelay}
 * publishes them to {@code audit.events}, exactly as every Warden service does.
 */
@SpringBootApplication
public class ProducerApplication {

}
