package dev.warden.audit.chain;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

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
 * @param signingKeys the keys that sign and check checkpoints, base64 by key id; every
 * one checks, so that a retired key keeps confirming what it signed. Empty: checkpoints
 * are not signed, and verify trusts whatever is on the topic (it answers {@code signed:
 * false})
 * @param signingKeyId the id of the key in {@code signingKeys} that signs new checkpoints
 */
@ConfigurationProperties("warden.audit.checkpoints")
record CheckpointProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("warden") String chain, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue Map<String, String> signingKeys, @Nullable String signingKeyId) {

	CheckpointProperties {
		signingKeys = (signingKeys != null) ? Map.copyOf(signingKeys) : Map.of();
	}

	/** Without the secrets: this record may end up in a log or a failure message. */
	@Override
	public String toString() {
		Map<String, String> redacted = new TreeMap<>();
		this.signingKeys.keySet().forEach((kid) -> redacted.put(kid, "******"));
		return "CheckpointProperties[enabled=" + this.enabled + ", interval=" + this.interval + ", chain=" + this.chain
				+ ", readTimeout=" + this.readTimeout + ", signingKeys=" + redacted + ", signingKeyId="
				+ this.signingKeyId + "]";
	}

}
