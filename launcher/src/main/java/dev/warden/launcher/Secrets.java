package dev.warden.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets for one data directory: made up on the first {@code ./warden up}, kept with the
 * data so that a restart finds the same ones, and deleted with {@code --fresh}. Nothing
 * here is in the repository; production takes the same settings from its environment.
 */
final class Secrets {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String CHECKPOINT_SIGNING_KEY = "audit.checkpoint-signing-key";

	private final Properties values;

	private Secrets(Properties values) {
		this.values = values;
	}

	static Secrets loadOrCreate(Path file) {
		Properties values = new Properties();
		try {
			if (Files.exists(file)) {
				try (InputStream in = Files.newInputStream(file)) {
					values.load(in);
				}
			}
			boolean changed = false;
			for (ServiceSpec service : ServiceSpec.ALL) {
				changed |= putIfAbsent(values, clientSecretKey(service), randomText(40, 0));
			}
			changed |= putIfAbsent(values, "auth.token-hash-key", randomKey());
			changed |= putIfAbsent(values, "auth.key-encryption-key", randomKey());
			changed |= putCheckpointSigningKey(values);
			changed |= putIfAbsent(values, "demo.admin.password", randomText(20, 5));
			changed |= putIfAbsent(values, "demo.member.password", randomText(20, 5));
			if (changed) {
				Files.createDirectories(file.getParent());
				try (OutputStream out = Files.newOutputStream(file)) {
					values.store(out, "Secrets of this ./warden data directory. Local use only.");
				}
				try {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ex) {
					// Not a POSIX file system; the file stays as the platform made it.
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
		return new Secrets(values);
	}

	String clientSecret(ServiceSpec service) {
		return this.values.getProperty(clientSecretKey(service));
	}

	String tokenHashKey() {
		return this.values.getProperty("auth.token-hash-key");
	}

	String keyEncryptionKey() {
		return this.values.getProperty("auth.key-encryption-key");
	}

	/**
	 * The key audit-service signs its chain checkpoints with: an Ed25519 private key,
	 * PKCS#8 DER in base64.
	 */
	String checkpointSigningKey() {
		return this.values.getProperty(CHECKPOINT_SIGNING_KEY);
	}

	String demoAdminPassword() {
		return this.values.getProperty("demo.admin.password");
	}

	String demoMemberPassword() {
		return this.values.getProperty("demo.member.password");
	}

	private static String clientSecretKey(ServiceSpec service) {
		return "service." + service.name() + ".client-secret";
	}

	private static boolean putIfAbsent(Properties values, String key, String value) {
		return values.putIfAbsent(key, value) == null;
	}

	/**
	 * Makes up the checkpoint signing key unless there is one. A data directory from
	 * before checkpoints were signed with Ed25519 holds an HMAC secret there, which
	 * audit-service would refuse: it gets a new key instead (its older checkpoints then
	 * no longer verify; {@code --fresh} starts over).
	 */
	private static boolean putCheckpointSigningKey(Properties values) {
		String existing = values.getProperty(CHECKPOINT_SIGNING_KEY);
		if (existing != null && isEd25519PrivateKey(existing)) {
			return false;
		}
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			values.setProperty(CHECKPOINT_SIGNING_KEY,
					Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has Ed25519", ex);
		}
		return true;
	}

	private static boolean isEd25519PrivateKey(String value) {
		try {
			KeyFactory.getInstance("Ed25519")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(value.strip())));
			return true;
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return false;
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Returns random text from an alphabet without look-alike characters.
	 * @param length how many characters
	 * @param group put a dash after every this many characters, or 0 for none
	 */
	static String randomText(int length, int group) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (group > 0 && i > 0 && i % group == 0) {
				text.append('-');
			}
			text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

}
