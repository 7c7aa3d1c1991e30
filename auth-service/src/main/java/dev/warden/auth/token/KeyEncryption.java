package dev.warden.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys at rest with AES-256-GCM. The key id is the associated data, so a
 * private key copied into another row does not decrypt.
 */
final class KeyEncryption {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	KeyEncryption(String base64Key) {
		byte[] bytes = Base64.getDecoder().decode(base64Key.trim());
		if (bytes.length != 32) {
			throw new IllegalArgumentException("warden.auth.key-encryption-key must be 32 bytes in Base64");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	byte[] encrypt(byte[] plaintext, String keyId) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a signing key", ex);
		}
	}

	byte[] decrypt(byte[] stored, String keyId) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Signing key " + keyId
							+ " does not decrypt: wrong warden.auth.key-encryption-key, or the row was tampered with",
					ex);
		}
	}

}
