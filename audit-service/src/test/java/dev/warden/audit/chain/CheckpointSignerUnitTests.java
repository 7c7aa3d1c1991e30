package dev.warden.audit.chain;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CheckpointSignerUnitTests {

	// Test keys only: 32 bytes 0x01.. and 32 bytes 0x02..
	private static final String KEY_1 = Base64.getEncoder().encodeToString(bytes(32, 1));

	private static final String KEY_2 = Base64.getEncoder().encodeToString(bytes(32, 2));

	private static final Checkpoint HEAD = new Checkpoint("warden", 1042, "9f2c".repeat(16),
			Instant.parse("2026-11-23T07:41:00.123Z"));

	@Test
	void signsTheCanonicalFormOfTheFieldsAndTheKeyIdWithHmacSha256() {
		Checkpoint signed = new CheckpointSigner(Map.of("k1", KEY_1), "k1").sign(HEAD);
		assertThat(new String(CheckpointSigner.signedForm(signed, "k1")))
			.isEqualTo("{\"at\":\"2026-11-23T07:41:00.123Z\",\"chain\":\"warden\",\"hash\":\"" + "9f2c".repeat(16)
					+ "\",\"kid\":\"k1\",\"sequence\":1042}");
		assertThat(signed.kid()).isEqualTo("k1");
		// Computed independently, as docs/audit.md shows: printf '<signed form>' |
		// openssl dgst -sha256 -mac HMAC -macopt hexkey:0101…01 -binary | base64
		assertThat(signed.signature()).isEqualTo("fjtfUvunawaX6aFI7O1dXfGkOE8rHfzw1IX7+iyA4KQ=");
	}

	@Test
	void confirmsWhatItSignedAndNothingChangedOrUnsigned() {
		CheckpointSigner signer = new CheckpointSigner(Map.of("k1", KEY_1), "k1");
		Checkpoint signed = signer.sign(HEAD);
		assertThat(signer.confirms(signed)).isTrue();
		assertThat(signer.confirms(HEAD)).as("unsigned").isFalse();
		assertThat(signer.confirms(new Checkpoint("other", 1042, signed.hash(), signed.at(), "k1", signed.signature())))
			.as("another chain")
			.isFalse();
		assertThat(
				signer.confirms(new Checkpoint("warden", 1043, signed.hash(), signed.at(), "k1", signed.signature())))
			.as("another sequence")
			.isFalse();
		assertThat(
				signer.confirms(new Checkpoint("warden", 1042, "0".repeat(64), signed.at(), "k1", signed.signature())))
			.as("another hash")
			.isFalse();
		assertThat(signer.confirms(
				new Checkpoint("warden", 1042, signed.hash(), signed.at().plusMillis(1), "k1", signed.signature())))
			.as("another time")
			.isFalse();
		assertThat(signer.confirms(new Checkpoint("warden", 1042, signed.hash(), signed.at(), "k1", "not base64!")))
			.as("not base64")
			.isFalse();
		Checkpoint byAnotherKey = new CheckpointSigner(Map.of("k1", KEY_2), "k1").sign(HEAD);
		assertThat(signer.confirms(byAnotherKey)).as("the right kid, the wrong key").isFalse();
		Checkpoint unknownKid = new CheckpointSigner(Map.of("k9", KEY_1), "k9").sign(HEAD);
		assertThat(signer.confirms(unknownKid)).as("a key id that is not configured").isFalse();
	}

	@Test
	void keepsConfirmingCheckpointsOfARetiredKeyAfterRotation() {
		Checkpoint old = new CheckpointSigner(Map.of("k1", KEY_1), "k1").sign(HEAD);
		CheckpointSigner rotated = new CheckpointSigner(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
		Checkpoint current = rotated.sign(HEAD);
		assertThat(current.kid()).isEqualTo("k2");
		assertThat(rotated.confirms(old)).isTrue();
		assertThat(rotated.confirms(current)).isTrue();
		CheckpointSigner dropped = new CheckpointSigner(Map.of("k2", KEY_2), "k2");
		assertThat(dropped.confirms(old)).as("once the old key is removed").isFalse();
		assertThat(dropped.confirms(current)).isTrue();
	}

	@Test
	void leavesCheckpointsUnsignedWithoutKeys() {
		CheckpointSigner none = new CheckpointSigner(Map.of(), null);
		assertThat(none.signs()).isFalse();
		Checkpoint checkpoint = none.sign(HEAD);
		assertThat(checkpoint.kid()).isNull();
		assertThat(checkpoint.signature()).isNull();
		assertThat(none.confirms(new CheckpointSigner(Map.of("k1", KEY_1), "k1").sign(HEAD))).isFalse();
	}

	@Test
	void refusesKeysThatAreShortNotBase64OrNotNamedAndNeverRepeatsTheSecret() {
		String short31 = Base64.getEncoder().encodeToString(bytes(31, 7));
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(Map.of("k1", short31), "k1"))
			.withMessageContaining("warden.audit.checkpoints.signing-keys.k1 decodes to 31 bytes")
			.withMessageContaining("at least 32")
			.withMessageNotContaining(short31);
		assertThatIllegalStateException()
			.isThrownBy(() -> new CheckpointSigner(Map.of("k1", "secret-but-not-base64!"), "k1"))
			.withMessageContaining("warden.audit.checkpoints.signing-keys.k1 is not base64")
			.withMessageNotContaining("secret-but-not-base64");
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(Map.of("k1", KEY_1), null))
			.withMessageContaining("signing-key-id is not")
			.withMessageContaining("[k1]");
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(Map.of("k1", KEY_1), "k2"))
			.withMessageContaining("signing-key-id is 'k2'")
			.withMessageContaining("has only [k1]")
			.withMessageNotContaining(KEY_1);
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(Map.of(), "k1"))
			.withMessageContaining("signing-keys is empty");
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(Map.of("Key 1", KEY_1), "Key 1"))
			.withMessageContaining("'Key 1' in warden.audit.checkpoints.signing-keys is not a key id");
	}

	@Test
	void bindsTheKeysFromTheEnvironmentVariablesTheLauncherSets() {
		runner().withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYS_LOCAL", KEY_1, "WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID",
							"local"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CheckpointSigner signer = context.getBean(CheckpointSigner.class);
				assertThat(signer.signs()).isTrue();
				assertThat(signer.sign(HEAD).kid()).isEqualTo("local");
				assertThat(context.getBean(CheckpointProperties.class).toString()).contains("local=******")
					.doesNotContain(KEY_1);
			});
	}

	@Test
	void stopsTheStartOnABadKeyNamingTheSetting() {
		runner()
			.withPropertyValues("warden.audit.checkpoints.signing-keys.k1=" + KEY_1,
					"warden.audit.checkpoints.signing-key-id=k2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("warden.audit.checkpoints.signing-key-id is 'k2'"));
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(Signing.class);
	}

	private static byte[] bytes(int length, int value) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CheckpointProperties.class)
	@Import(CheckpointSigner.class)
	static class Signing {

	}

}
