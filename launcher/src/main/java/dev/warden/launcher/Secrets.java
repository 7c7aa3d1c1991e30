package dev.warden.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * Secrets for one data directory: made up on the first {@code ./warden up}, kept with the
 * data so that a restart finds the same ones, and deleted with {@code --fresh}. Nothing
 * here is in the repository; production takes the same settings from its environment.
 */
final class Secrets {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

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
			changed |= putIfAbsent(values, "audit.checkpoint-signing-key", randomKey());
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

	/** The key audit-service signs its chain checkpoints with (HMAC-SHA256, base64). */
	String checkpointSigningKey() {
		return this.values.getProperty("audit.checkpoint-signing-key");
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

	private static String randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return java.util.Base64.getEncoder().encodeToString(key);
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
