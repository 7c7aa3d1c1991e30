package dev.warden.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.warden.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * The keyed hash (HMAC-SHA-256) under which refresh tokens and API keys are stored. A
 * stolen database alone does not let anyone test guesses against them: that needs the key
 * too, which lives only in the environment.
 */
@Component
public class TokenHasher {

	private final SecretKeySpec key;

	TokenHasher(AuthProperties properties) {
		byte[] bytes = Base64.getDecoder().decode(properties.tokenHashKey().trim());
		if (bytes.length < 32) {
			throw new IllegalArgumentException("warden.auth.token-hash-key must be at least 32 bytes in Base64");
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	/**
	 * Hashes a secret.
	 * @param secret the token or key as the client holds it
	 * @return its keyed hash
	 */
	public byte[] hash(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

	/**
	 * Compares a secret with a stored hash in constant time.
	 * @param secret the secret offered
	 * @param storedHash the hash on file
	 * @return whether they match
	 */
	public boolean matches(String secret, byte[] storedHash) {
		return MessageDigest.isEqual(hash(secret), storedHash);
	}

}
