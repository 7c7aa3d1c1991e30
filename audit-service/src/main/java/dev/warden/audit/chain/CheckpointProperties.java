package dev.warden.audit.chain;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chain is anchored outside PostgreSQL ({@code warden.audit.checkpoints.*}).
 *
 * @param enabled whether checkpoints are published and compared by verify
 * @param interval how often the head of the chain is published, when it moved
 * @param chain the name checkpoints are published under; it comes from configuration, not
 * from the database, so that someone who can rewrite the database cannot rename the chain
 * away from its checkpoints
 * @param readTimeout how long verify waits for the checkpoint topic before it answers
 * that it could not compare
 * @param signingKey the Ed25519 private key that signs new checkpoints, PKCS#8 DER in
 * base64 (or PEM). Not set: checkpoints are not signed, and verify trusts whatever is on
 * the topic (it answers {@code signed: false})
 * @param signingKeyId the key id new checkpoints name
 * @param verificationKeys Ed25519 public keys (X.509 SubjectPublicKeyInfo DER in base64,
 * or PEM) by key id that verify accepts besides the signing key's own, which is derived
 * and always accepted: the keys of before a rotation
 * @param allowUnsigned whether the service may start with checkpoints enabled and no
 * signing key. Off by default (fail closed): unsigned checkpoints can be forged by anyone
 * who can write to the topic, so a deployment that forgot its key should not start
 * looking tamper-evident. Tests and throwaway runs turn it on
 */
@ConfigurationProperties("warden.audit.checkpoints")
record CheckpointProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("warden") String chain, @DefaultValue("10s") Duration readTimeout, @Nullable String signingKey,
		@Nullable String signingKeyId, @DefaultValue Map<String, String> verificationKeys,
		@DefaultValue("false") boolean allowUnsigned) {

	CheckpointProperties {
		verificationKeys = (verificationKeys != null) ? Map.copyOf(verificationKeys) : Map.of();
	}

	/** Without the private key: this record may end up in a log or a failure message. */
	@Override
	public String toString() {
		return "CheckpointProperties[enabled=" + this.enabled + ", interval=" + this.interval + ", chain=" + this.chain
				+ ", readTimeout=" + this.readTimeout + ", signingKey=" + ((this.signingKey != null) ? "******" : null)
				+ ", signingKeyId=" + this.signingKeyId + ", verificationKeys=" + this.verificationKeys.keySet()
				+ ", allowUnsigned=" + this.allowUnsigned + "]";
	}

}
