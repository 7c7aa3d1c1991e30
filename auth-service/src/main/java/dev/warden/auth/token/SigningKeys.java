package dev.warden.auth.token;

import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.auth.config.AuthProperties;
import dev.warden.contracts.EventIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys tokens are signed with, kept in the database so that every replica signs
 * with the same key and publishes the same JWKS. One key signs at a time; when it is
 * rotated, the previous one stays in the JWKS until every token it signed has expired.
 * Each replica caches the keys for {@link #CACHE_TTL}.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/** How long a replica uses the keys it loaded before it looks again. */
	static final Duration CACHE_TTL = Duration.ofSeconds(30);

	/** Clock skew allowed when deciding how long a retired key stays published. */
	private static final Duration SKEW = Duration.ofMinutes(5);

	/** Serializes key creation and rotation across replicas. */
	private static final long KEY_LOCK = 0x5741524445_4B4559L;

	private final SigningKeyRepository keys;

	private final KeyEncryption encryption;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private volatile @Nullable Snapshot snapshot;

	SigningKeys(SigningKeyRepository keys, AuthProperties properties, TransactionTemplate transactions,
			JdbcClient jdbc) {
		this.keys = keys;
		this.encryption = new KeyEncryption(properties.keyEncryptionKey());
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Returns the key to sign with.
	 * @return the active key, private half included
	 */
	RSAKey signingKey() {
		return current().signing();
	}

	/**
	 * Returns the public keys to publish.
	 * @return the JWKS
	 */
	public JWKSet publicKeys() {
		return current().published();
	}

	/**
	 * Returns the public keys, loading them again first if they were loaded more than a
	 * second ago: for a token whose {@code kid} another replica has just created.
	 * @return the JWKS
	 */
	JWKSet reloadedPublicKeys() {
		Snapshot cached = this.snapshot;
		if (cached == null || cached.loadedAt().plus(Duration.ofSeconds(1)).isBefore(Instant.now())) {
			this.snapshot = load();
		}
		return current().published();
	}

	/**
	 * Replaces the signing key with a new one now.
	 * @return the new key's id
	 */
	public String rotate() {
		String kid = this.transactions.execute((status) -> {
			lock();
			this.keys.findActive().ifPresent((active) -> active.retire(publishRetiredFor()));
			this.keys.flush();
			return create().kid();
		});
		this.snapshot = null;
		log.info("Rotated the signing key; new key {}", kid);
		return kid;
	}

	/** Rotates the key once it is older than {@code warden.auth.signing-key-rotation}. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void rotateWhenDue() {
		Optional<SigningKey> active = this.keys.findActive();
		if (active.isPresent()
				&& active.get().createdAt().plus(this.properties.signingKeyRotation()).isBefore(Instant.now())) {
			rotate();
		}
	}

	private Snapshot current() {
		Snapshot cached = this.snapshot;
		if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(Instant.now())) {
			return cached;
		}
		Snapshot loaded = load();
		this.snapshot = loaded;
		return loaded;
	}

	private Snapshot load() {
		Snapshot loaded = this.transactions.execute((status) -> {
			SigningKey active = this.keys.findActive().orElseGet(() -> {
				lock();
				// Another replica may have created it while we waited for the lock.
				return this.keys.findActive().orElseGet(this::create);
			});
			List<RSAKey> published = new ArrayList<>();
			for (SigningKey key : this.keys.findPublished(Instant.now())) {
				published.add(parsePublic(key));
			}
			return new Snapshot(withPrivate(active), new JWKSet(new ArrayList<>(published)), Instant.now());
		});
		if (loaded == null) {
			throw new IllegalStateException("Signing keys did not load");
		}
		return loaded;
	}

	private SigningKey create() {
		try {
			String kid = EventIds.next().toString();
			RSAKey rsa = new RSAKeyGenerator(2048).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			byte[] encrypted = this.encryption.encrypt(rsa.toPrivateKey().getEncoded(), kid);
			return this.keys.saveAndFlush(new SigningKey(kid, rsa.toPublicJWK().toJSONString(), encrypted));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private RSAKey withPrivate(SigningKey key) {
		try {
			RSAKey publicKey = parsePublic(key);
			byte[] pkcs8 = this.encryption.decrypt(key.encryptedPrivateKey(), key.kid());
			RSAPrivateKey privateKey = (RSAPrivateKey) java.security.KeyFactory.getInstance("RSA")
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Signing key " + key.kid() + " is unreadable", ex);
		}
	}

	private static RSAKey parsePublic(SigningKey key) {
		try {
			return RSAKey.parse(key.publicJwk());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + key.kid() + " has an unreadable public key", ex);
		}
	}

	private Duration publishRetiredFor() {
		Duration longest = this.properties.accessTokenLifetime();
		longest = max(longest, this.properties.serviceTokenLifetime());
		longest = max(longest, this.properties.apiKeyTokenLifetime());
		return longest.plus(SKEW);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY_LOCK).query().listOfRows();
	}

	private record Snapshot(RSAKey signing, JWKSet published, Instant loadedAt) {
	}

}
