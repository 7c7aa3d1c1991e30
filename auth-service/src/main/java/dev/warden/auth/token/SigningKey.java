package dev.warden.auth.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One RSA key pair; the private half encrypted. */
@Entity
@Table(name = "signing_keys")
class SigningKey {

	@Id
	private String kid;

	@Column(nullable = false)
	private String algorithm;

	@Column(nullable = false)
	private String publicJwk;

	@Column(nullable = false)
	private byte[] privateKey;

	@Column(nullable = false)
	private Instant createdAt;

	private @Nullable Instant retiredAt;

	private @Nullable Instant publishUntil;

	protected SigningKey() {
		this.kid = "";
		this.algorithm = "RS256";
		this.publicJwk = "";
		this.privateKey = new byte[0];
		this.createdAt = Instant.EPOCH;
	}

	SigningKey(String kid, String publicJwk, byte[] encryptedPrivateKey) {
		this.kid = kid;
		this.algorithm = "RS256";
		this.publicJwk = publicJwk;
		this.privateKey = encryptedPrivateKey;
		this.createdAt = Instant.now();
	}

	/**
	 * Stops signing with this key; its public half stays published until every token it
	 * signed has expired.
	 * @param publishFor how long tokens it signed may still be valid
	 */
	void retire(java.time.Duration publishFor) {
		this.retiredAt = Instant.now();
		this.publishUntil = this.retiredAt.plus(publishFor);
	}

	String kid() {
		return this.kid;
	}

	String publicJwk() {
		return this.publicJwk;
	}

	byte[] encryptedPrivateKey() {
		return this.privateKey;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	@Nullable Instant retiredAt() {
		return this.retiredAt;
	}

}
