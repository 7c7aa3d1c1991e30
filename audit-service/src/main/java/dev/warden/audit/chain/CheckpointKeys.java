package dev.warden.audit.chain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The public keys checkpoints are checked with, so that an auditor can check the
 * checkpoints on the topic without Warden and without the private key.
 *
 * @param algorithm the signature algorithm, {@code Ed25519}
 * @param signingKeyId the id of the key that signs new checkpoints, or {@code null} if
 * checkpoints are not signed
 * @param keys every public key verify accepts, by key id: X.509 SubjectPublicKeyInfo DER
 * in base64; empty if checkpoints are not signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointKeys(String algorithm, @Nullable String signingKeyId, Map<String, String> keys) {

	public CheckpointKeys {
		// Sorted by key id, so that the answer reads the same every time.
		keys = Collections.unmodifiableMap(new TreeMap<>(keys));
	}

}
