package dev.warden.audit.chain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The head of the chain as it was at a moment, kept in Kafka where the database's owners
 * cannot rewrite it.
 *
 * @param chain the chain's configured name
 * @param sequence the sequence of the head record
 * @param hash the head record's hash
 * @param at when the checkpoint was taken
 * @param kid the id of the key that signed it, or {@code null} if it is not signed
 * @param signature base64 of the Ed25519 signature of its signed form (see
 * {@link CheckpointSigner}), or {@code null} if it is not signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Checkpoint(String chain, long sequence, String hash, Instant at, @Nullable String kid,
		@Nullable String signature) {

	/**
	 * An unsigned checkpoint, as taken before it is signed.
	 * @param chain the chain's configured name
	 * @param sequence the sequence of the head record
	 * @param hash the head record's hash
	 * @param at when the checkpoint was taken
	 */
	public Checkpoint(String chain, long sequence, String hash, Instant at) {
		this(chain, sequence, hash, at, null, null);
	}

}
