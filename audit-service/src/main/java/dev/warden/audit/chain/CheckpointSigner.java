package dev.warden.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints and checks their signatures, so that someone who can write to the
 * checkpoint topic but does not hold a key cannot publish a checkpoint that verify would
 * trust (say, one naming the hash of a rewritten record).
 * <p>
 * The signature is {@code base64(HMAC-SHA256(key, signed form))}, where the signed form
 * is the canonical JSON ({@link ChainHasher#canonical}: sorted keys, no white space) of
 * {@code at}, {@code chain}, {@code hash}, {@code kid} and {@code sequence}, in UTF-8.
 * The key id is signed too, and every configured key stays usable for checking, so that
 * keys can rotate: checkpoints signed with a retired key keep verifying as long as that
 * key stays in {@code signing-keys}.
 */
@Component
class CheckpointSigner {

	static final String ALGORITHM = "HmacSHA256";

	/** Fewer bytes than SHA-256's output would weaken HMAC-SHA256 (RFC 2104, 3). */
	static final int MINIMUM_KEY_BYTES = 32;

	// Key ids end up in map keys of properties, which environment variables can only
	// spell in lower case.
	private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final String PREFIX = "warden.audit.checkpoints.";

	private final Map<String, SecretKeySpec> keys;

	private final @Nullable String signingKeyId;

	@Autowired
	CheckpointSigner(CheckpointProperties properties) {
		this(properties.signingKeys(), properties.signingKeyId());
	}

	/**
	 * Decodes and checks the keys, so that a misconfiguration stops the start with a
	 * message naming the setting (never the secret) rather than failing the first
	 * checkpoint.
	 * @param encoded the keys by id, base64
	 * @param signingKeyId the id of the key that signs new checkpoints
	 */
	CheckpointSigner(Map<String, String> encoded, @Nullable String signingKeyId) {
		Map<String, SecretKeySpec> keys = new TreeMap<>();
		encoded.forEach((kid, value) -> keys.put(kid, decode(kid, value)));
		String kid = (signingKeyId == null || signingKeyId.isBlank()) ? null : signingKeyId.strip();
		if (kid == null && !keys.isEmpty()) {
			throw new IllegalStateException(PREFIX + "signing-keys is set but " + PREFIX
					+ "signing-key-id is not: name the key that signs new checkpoints (one of " + keys.keySet() + ")");
		}
		if (kid != null && !keys.containsKey(kid)) {
			throw new IllegalStateException(PREFIX + "signing-key-id is '" + kid + "' but " + PREFIX + "signing-keys "
					+ (keys.isEmpty() ? "is empty" : "has only " + keys.keySet()));
		}
		this.keys = Map.copyOf(keys);
		this.signingKeyId = kid;
	}

	/**
	 * Returns whether keys are configured: then every checkpoint is signed, and verify
	 * uses only checkpoints whose signature a configured key confirms.
	 * @return whether checkpoints are signed
	 */
	boolean signs() {
		return this.signingKeyId != null;
	}

	/**
	 * Signs a checkpoint with the signing key.
	 * @param checkpoint the checkpoint; a key id and signature it has are replaced
	 * @return the checkpoint signed, or unsigned if no key is configured
	 */
	Checkpoint sign(Checkpoint checkpoint) {
		String kid = this.signingKeyId;
		if (kid == null) {
			return new Checkpoint(checkpoint.chain(), checkpoint.sequence(), checkpoint.hash(), checkpoint.at());
		}
		byte[] mac = mac(this.keys.get(kid), signedForm(checkpoint, kid));
		return new Checkpoint(checkpoint.chain(), checkpoint.sequence(), checkpoint.hash(), checkpoint.at(), kid,
				Base64.getEncoder().encodeToString(mac));
	}

	/**
	 * Returns whether a configured key confirms a checkpoint's signature.
	 * @param checkpoint the checkpoint
	 * @return false if it is unsigned, names a key that is not configured, or its
	 * signature does not match its fields
	 */
	boolean confirms(Checkpoint checkpoint) {
		String kid = checkpoint.kid();
		String signature = checkpoint.signature();
		if (kid == null || signature == null) {
			return false;
		}
		SecretKeySpec key = this.keys.get(kid);
		if (key == null) {
			return false;
		}
		byte[] claimed;
		try {
			claimed = Base64.getDecoder().decode(signature);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// Constant time: how much of a guess matched must not show in the timing.
		return MessageDigest.isEqual(mac(key, signedForm(checkpoint, kid)), claimed);
	}

	/**
	 * Returns the bytes a checkpoint's signature covers.
	 * @param checkpoint the checkpoint
	 * @param kid the id of the key that signs it
	 * @return the canonical JSON of its fields and the key id, in UTF-8
	 */
	static byte[] signedForm(Checkpoint checkpoint, String kid) {
		ObjectNode form = JsonNodeFactory.instance.objectNode();
		form.put("chain", checkpoint.chain());
		form.put("sequence", checkpoint.sequence());
		form.put("hash", checkpoint.hash());
		form.put("at", checkpoint.at().toString());
		form.put("kid", kid);
		return ChainHasher.canonical(form).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] mac(SecretKeySpec key, byte[] form) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(form);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

	private static SecretKeySpec decode(String kid, @Nullable String value) {
		String setting = PREFIX + "signing-keys." + kid;
		if (!KEY_ID.matcher(kid).matches()) {
			throw new IllegalStateException(
					"'" + kid + "' in " + PREFIX + "signing-keys is not a key id: use 1 to 64 lower-case letters, "
							+ "digits, '.', '_' or '-', starting with a letter or digit");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode((value != null) ? value.strip() : "");
		}
		catch (IllegalArgumentException ex) {
			// The message names the setting, never the value: it is a secret.
			throw new IllegalStateException(setting + " is not base64: give a random secret of at least "
					+ MINIMUM_KEY_BYTES + " bytes in base64, e.g. from `openssl rand -base64 32`");
		}
		if (bytes.length < MINIMUM_KEY_BYTES) {
			throw new IllegalStateException(
					setting + " decodes to " + bytes.length + " bytes; HMAC-SHA256 needs at least " + MINIMUM_KEY_BYTES
							+ " random bytes, e.g. from `openssl rand -base64 32`");
		}
		return new SecretKeySpec(bytes, ALGORITHM);
	}

}
