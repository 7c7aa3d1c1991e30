package dev.warden.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints and checks their signatures, so that someone who can write to the
 * checkpoint topic but does not hold the private key cannot publish a checkpoint that
 * verify would trust (say, one naming the hash of a rewritten record).
 * <p>
 * The signature is {@code base64(Ed25519(private key, signed form))}, where the signed
 * form is the canonical JSON ({@link ChainHasher#canonical}: sorted keys, no white space)
 * of {@code at}, {@code chain}, {@code hash}, {@code kid} and {@code sequence}, in UTF-8.
 * A public-key signature rather than a MAC, so that whoever checks checkpoints (an
 * outside auditor, or verify itself) needs only public keys and cannot sign. The key id
 * is signed too, and every verification key stays usable for checking, so that keys can
 * rotate: checkpoints signed with a retired key keep verifying as long as its public key
 * stays in {@code verification-keys}.
 */
@Component
class CheckpointSigner {

	static final String ALGORITHM = "Ed25519";

	// Key ids end up in map keys of properties, which environment variables can only
	// spell in lower case.
	private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----");

	private static final String PREFIX = "warden.audit.checkpoints.";

	static final String SIGNING_KEY = PREFIX + "signing-key";

	static final String SIGNING_KEY_ID = PREFIX + "signing-key-id";

	static final String VERIFICATION_KEYS = PREFIX + "verification-keys";

	/** The HMAC keys of before: refused, not ignored, so that nobody thinks they sign. */
	static final String RETIRED_SIGNING_KEYS = PREFIX + "signing-keys";

	private static final String GENERATE = "`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`";

	private final Map<String, PublicKey> verificationKeys;

	private final @Nullable PrivateKey signingKey;

	private final @Nullable String signingKeyId;

	@Autowired
	CheckpointSigner(CheckpointProperties properties, Environment environment) {
		this(refuseUnsigned(refuseRetiredKeys(environment, properties)));
	}

	private CheckpointSigner(CheckpointProperties properties) {
		this(properties.signingKey(), properties.signingKeyId(), properties.verificationKeys());
	}

	/**
	 * Decodes and checks the keys, so that a misconfiguration stops the start with a
	 * message naming the setting (never the key) rather than failing the first
	 * checkpoint.
	 * @param signingKey the private key that signs new checkpoints: PKCS#8 DER in base64,
	 * or PEM; {@code null} for none
	 * @param signingKeyId its key id
	 * @param verificationKeys further public keys (X.509 SubjectPublicKeyInfo DER in
	 * base64, or PEM) by key id; the signing key's own is added under its id
	 */
	CheckpointSigner(@Nullable String signingKey, @Nullable String signingKeyId, Map<String, String> verificationKeys) {
		String kid = blankToNull(signingKeyId);
		String encoded = blankToNull(signingKey);
		if (encoded != null && kid == null) {
			throw new IllegalStateException(SIGNING_KEY + " is set but " + SIGNING_KEY_ID
					+ " is not: give the id under which checkpoints name the key");
		}
		if (encoded == null && kid != null) {
			throw new IllegalStateException(SIGNING_KEY_ID + " is '" + kid + "' but " + SIGNING_KEY
					+ " is not set: give the Ed25519 private key (PKCS#8 DER, base64), e.g. from " + GENERATE);
		}
		if (encoded == null && !verificationKeys.isEmpty()) {
			// Fail closed: checking against keys while publishing unsigned checkpoints
			// would report every checkpoint of this service as forged.
			throw new IllegalStateException(VERIFICATION_KEYS + " is set but " + SIGNING_KEY + " is not: "
					+ "verification keys check what a signing key signed; set " + SIGNING_KEY + " and "
					+ SIGNING_KEY_ID);
		}
		Map<String, PublicKey> keys = new TreeMap<>();
		verificationKeys.forEach((id, value) -> keys.put(checkedKeyId(id, VERIFICATION_KEYS + " has '" + id + "'"),
				publicKey(VERIFICATION_KEYS + "." + id, value)));
		PrivateKey privateKey = null;
		if (encoded != null) {
			checkedKeyId(kid, SIGNING_KEY_ID + " is '" + kid + "'");
			privateKey = privateKey(encoded);
			PublicKey own = publicKeyOf(privateKey);
			PublicKey configured = keys.get(kid);
			if (configured != null && !Arrays.equals(configured.getEncoded(), own.getEncoded())) {
				throw new IllegalStateException(VERIFICATION_KEYS + "." + kid + " is not the public key of "
						+ SIGNING_KEY + ": leave it out (it is derived from the signing key) or give a new "
						+ SIGNING_KEY_ID + " for a new key");
			}
			keys.put(kid, own);
		}
		this.verificationKeys = Map.copyOf(keys);
		this.signingKey = privateKey;
		this.signingKeyId = kid;
	}

	/**
	 * Returns whether a signing key is configured: then every checkpoint is signed, and
	 * verify uses only checkpoints whose signature a verification key confirms.
	 * @return whether checkpoints are signed
	 */
	boolean signs() {
		return this.signingKey != null;
	}

	/**
	 * Signs a checkpoint with the signing key.
	 * @param checkpoint the checkpoint; a key id and signature it has are replaced
	 * @return the checkpoint signed, or unsigned if no key is configured
	 */
	Checkpoint sign(Checkpoint checkpoint) {
		String kid = this.signingKeyId;
		PrivateKey key = this.signingKey;
		if (kid == null || key == null) {
			return new Checkpoint(checkpoint.chain(), checkpoint.sequence(), checkpoint.hash(), checkpoint.at());
		}
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(key);
			signature.update(signedForm(checkpoint, kid));
			return new Checkpoint(checkpoint.chain(), checkpoint.sequence(), checkpoint.hash(), checkpoint.at(), kid,
					Base64.getEncoder().encodeToString(signature.sign()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The checkpoint could not be signed", ex);
		}
	}

	/**
	 * Returns whether a verification key confirms a checkpoint's signature.
	 * @param checkpoint the checkpoint
	 * @return false if it is unsigned, names a key that is not configured, or its
	 * signature does not match its fields
	 */
	boolean confirms(Checkpoint checkpoint) {
		String kid = checkpoint.kid();
		String claimed = checkpoint.signature();
		if (kid == null || claimed == null) {
			return false;
		}
		PublicKey key = this.verificationKeys.get(kid);
		if (key == null) {
			return false;
		}
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initVerify(key);
			signature.update(signedForm(checkpoint, kid));
			return signature.verify(Base64.getDecoder().decode(claimed));
		}
		catch (IllegalArgumentException | SignatureException ex) {
			// Not base64, or not an Ed25519 signature at all: nothing a key confirms.
			return false;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("every Java runtime has Ed25519", ex);
		}
	}

	/**
	 * Returns the public keys checkpoints are checked with, for someone who checks them
	 * without Warden.
	 * @return the keys
	 */
	CheckpointKeys keys() {
		Map<String, String> encoded = new TreeMap<>();
		this.verificationKeys
			.forEach((kid, key) -> encoded.put(kid, Base64.getEncoder().encodeToString(key.getEncoded())));
		return new CheckpointKeys(ALGORITHM, this.signingKeyId, encoded);
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

	private static CheckpointProperties refuseRetiredKeys(Environment environment, CheckpointProperties properties) {
		if (Binder.get(environment).bind(RETIRED_SIGNING_KEYS, Bindable.mapOf(String.class, String.class)).isBound()) {
			throw new IllegalStateException(RETIRED_SIGNING_KEYS + ".* (HMAC keys) is no longer read: checkpoints "
					+ "are signed with Ed25519 now. Remove it and set " + SIGNING_KEY
					+ " (an Ed25519 private key, PKCS#8 DER in base64, e.g. from " + GENERATE + ") and "
					+ SIGNING_KEY_ID + " (docs/audit.md#signed-checkpoints)");
		}
		return properties;
	}

	private static CheckpointProperties refuseUnsigned(CheckpointProperties properties) {
		if (properties.enabled() && blankToNull(properties.signingKey()) == null && !properties.allowUnsigned()) {
			throw new IllegalStateException(SIGNING_KEY + " is not set: checkpoints would be published unsigned, and "
					+ "anyone who can write to the checkpoint topic could forge them. Set " + SIGNING_KEY
					+ " (an Ed25519 private key, PKCS#8 DER in base64, e.g. from " + GENERATE + ") and "
					+ SIGNING_KEY_ID + " (docs/audit.md#signed-checkpoints), or set " + PREFIX
					+ "allow-unsigned=true to run without (tests, a throwaway run)");
		}
		return properties;
	}

	private static String checkedKeyId(String kid, String where) {
		if (!KEY_ID.matcher(kid).matches()) {
			throw new IllegalStateException(where + ", which is not a key id: use 1 to 64 lower-case letters, "
					+ "digits, '.', '_' or '-', starting with a letter or digit");
		}
		return kid;
	}

	private static PrivateKey privateKey(String value) {
		try {
			PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(value)));
			if (key instanceof EdECPrivateKey edec && edec.getBytes().isPresent()) {
				return key;
			}
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			// Below: the message names the setting, never the value (it is the secret).
		}
		throw new IllegalStateException(SIGNING_KEY + " is not an Ed25519 private key in PKCS#8 DER, base64 (or PEM): "
				+ "generate one with " + GENERATE);
	}

	private static PublicKey publicKey(String setting, @Nullable String value) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(der((value != null) ? value : "")));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new IllegalStateException(setting + " is not an Ed25519 public key in X.509 SubjectPublicKeyInfo "
					+ "DER, base64 (or PEM): derive it with `echo <private key> | base64 -d | openssl pkey -inform DER "
					+ "-pubout -outform DER | base64 -w0`");
		}
	}

	/** Base64, with or without PEM armour and line breaks. */
	private static byte[] der(String value) {
		String body = PEM_ARMOUR.matcher(value).replaceAll("").replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

	/**
	 * Derives the public key, which the JDK's Ed25519 key classes do not expose: the key
	 * pair generator is given the private key's bytes as its only "random" input, and
	 * computes the public key from them as it would for a fresh pair (RFC 8032, 5.1.5). A
	 * test signature proves the pair belongs together, so that a JDK whose generator drew
	 * its randomness otherwise fails the start rather than every verification.
	 */
	private static PublicKey publicKeyOf(PrivateKey privateKey) {
		byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow();
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
			generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
			PublicKey publicKey = generator.generateKeyPair().getPublic();
			byte[] probe = "warden checkpoint key probe".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(ALGORITHM);
			signer.initSign(privateKey);
			signer.update(probe);
			Signature verifier = Signature.getInstance(ALGORITHM);
			verifier.initVerify(publicKey);
			verifier.update(probe);
			if (verifier.verify(signer.sign())) {
				return publicKey;
			}
		}
		catch (GeneralSecurityException | IllegalStateException ex) {
			throw new IllegalStateException("The public key of " + SIGNING_KEY + " could not be derived", ex);
		}
		throw new IllegalStateException("The public key of " + SIGNING_KEY + " could not be derived");
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** Hands out given bytes, once, as if they were random. */
	private static final class FixedBytes extends SecureRandom {

		private final byte[] bytes;

		FixedBytes(byte[] bytes) {
			this.bytes = bytes.clone();
		}

		@Override
		public void nextBytes(byte[] out) {
			if (out.length != this.bytes.length) {
				throw new IllegalStateException("Expected a request for " + this.bytes.length + " bytes");
			}
			System.arraycopy(this.bytes, 0, out, 0, out.length);
		}

	}

}
