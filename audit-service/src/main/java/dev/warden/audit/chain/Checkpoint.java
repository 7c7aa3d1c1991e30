package dev.warden.audit.chain;

import java.time.Instant;

/**
 * The head of the chain as it was at a moment, kept in Kafka where the database's owners
 * cannot rewrite it.
 *
 * @param chain the chain's configured name
 * @param sequence the sequence of the head record
 * @param hash the head record's hash
 * @param at when the checkpoint was taken
 */
public record Checkpoint(String chain, long sequence, String hash, Instant at) {

}
