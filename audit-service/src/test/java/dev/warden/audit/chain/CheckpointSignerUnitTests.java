package dev.warden.audit.chain;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
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

	// RFC 8032's first Ed25519 test key (7.1, TEST 1), public knowledge and for tests
	// only: its private key as PKCS#8 DER and its public key as X.509 DER, base64.
	private static final String RFC_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";

	private static final String RFC_PUBLIC = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

	private static final KeyPair KEY_1 = generate();

	private static final KeyPair KEY_2 = generate();

	private static final Checkpoint HEAD = new Checkpoint("warden", 1042, "9f2c".repeat(16),
			Instant.parse("2026-11-23T07:41:00.123Z"));

	@Test
	void signsTheCanonicalFormOfTheFieldsAndTheKeyIdWithEd25519() {
		Checkpoint signed = new CheckpointSigner(RFC_PRIVATE, "k1", Map.of()).sign(HEAD);
		assertThat(new String(CheckpointSigner.signedForm(signed, "k1")))
			.isEqualTo("{\"at\":\"2026-11-23T07:41:00.123Z\",\"chain\":\"warden\",\"hash\":\"" + "9f2c".repeat(16)
					+ "\",\"kid\":\"k1\",\"sequence\":1042}");
		assertThat(signed.kid()).isEqualTo("k1");
		// Computed independently, as docs/audit.md shows: printf '<signed form>' |
		// openssl pkeyutl -sign -inkey private.der -keyform DER -rawin | base64 -w0
		// (Ed25519 signatures are deterministic).
		assertThat(signed.signature())
			.isEqualTo("J3IRNYmLLNyUpS5YeHGw+vuGZPd0UdoSTtKaaYva2RiwLsvi2FUW411Gmg4kjhZ2SAYLGk0XrPJq5w61CTLXBQ==");
	}

	@Test
	void derivesThePublicKeyOfTheSigningKeyAndPublishesItUnderItsKeyId() {
		CheckpointKeys keys = new CheckpointSigner(RFC_PRIVATE, "k1", Map.of()).keys();
		assertThat(keys.algorithm()).isEqualTo("Ed25519");
		assertThat(keys.signingKeyId()).isEqualTo("k1");
		// As `openssl pkey -pubout` derives it, and as RFC 8032 lists it.
		assertThat(keys.keys()).containsExactly(Map.entry("k1", RFC_PUBLIC));
		CheckpointKeys rotated = new CheckpointSigner(privateOf(KEY_2), "k2", Map.of("k1", RFC_PUBLIC)).keys();
		assertThat(rotated.signingKeyId()).isEqualTo("k2");
		assertThat(rotated.keys()).containsOnlyKeys("k1", "k2").containsEntry("k1", RFC_PUBLIC);
		assertThat(rotated.keys().values()).noneMatch((key) -> key.equals(privateOf(KEY_2)));
	}

	@Test
	void acceptsPemAsWellAsBase64Der() {
		String pem = "-----BEGIN PRIVATE KEY-----\n" + RFC_PRIVATE + "\n-----END PRIVATE KEY-----\n";
		String publicPem = "-----BEGIN PUBLIC KEY-----\n" + RFC_PUBLIC + "\n-----END PUBLIC KEY-----\n";
		Checkpoint signed = new CheckpointSigner(pem, "k1", Map.of()).sign(HEAD);
		assertThat(signed.signature())
			.isEqualTo(new CheckpointSigner(RFC_PRIVATE, "k1", Map.of()).sign(HEAD).signature());
		assertThat(new CheckpointSigner(privateOf(KEY_2), "k2", Map.of("k1", publicPem)).confirms(signed)).isTrue();
	}

	@Test
	void confirmsWhatItSignedAndNothingChangedOrUnsigned() {
		CheckpointSigner signer = new CheckpointSigner(privateOf(KEY_1), "k1", Map.of());
		Checkpoint signed = signer.sign(HEAD);
		assertThat(signer.confirms(signed)).isTrue();
		assertThat(signer.confirms(HEAD)).as("unsigned").isFalse();
		assertThat(signer.confirms(new Checkpoint("warden", 1042, signed.hash(), signed.at(), "k1", null)))
			.as("a kid but no signature")
			.isFalse();
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
		assertThat(signer.confirms(new Checkpoint("warden", 1042, signed.hash(), signed.at(), "k1", "AAAA")))
			.as("base64, but too short for a signature")
			.isFalse();
		Checkpoint byAnotherKey = new CheckpointSigner(privateOf(KEY_2), "k1", Map.of()).sign(HEAD);
		assertThat(signer.confirms(byAnotherKey)).as("the right kid, the wrong key").isFalse();
		Checkpoint unknownKid = new CheckpointSigner(privateOf(KEY_1), "k9", Map.of()).sign(HEAD);
		assertThat(signer.confirms(unknownKid)).as("a key id that is not configured").isFalse();
	}

	@Test
	void keepsConfirmingCheckpointsOfARetiredKeyAfterRotation() {
		Checkpoint old = new CheckpointSigner(privateOf(KEY_1), "k1", Map.of()).sign(HEAD);
		CheckpointSigner rotated = new CheckpointSigner(privateOf(KEY_2), "k2", Map.of("k1", publicOf(KEY_1)));
		Checkpoint current = rotated.sign(HEAD);
		assertThat(current.kid()).isEqualTo("k2");
		assertThat(rotated.confirms(old)).isTrue();
		assertThat(rotated.confirms(current)).isTrue();
		CheckpointSigner dropped = new CheckpointSigner(privateOf(KEY_2), "k2", Map.of());
		assertThat(dropped.confirms(old)).as("once the old key is removed").isFalse();
		assertThat(dropped.confirms(current)).isTrue();
	}

	@Test
	void aVerificationKeyCannotSign() {
		// Only public keys under verification-keys: holding them (as verify, or an
		// auditor, does) is not enough to make a checkpoint that checks.
		CheckpointSigner verifier = new CheckpointSigner(privateOf(KEY_2), "k2", Map.of("k1", publicOf(KEY_1)));
		Checkpoint claimingK1 = new Checkpoint(HEAD.chain(), HEAD.sequence(), HEAD.hash(), HEAD.at(), "k1",
				verifier.sign(HEAD).signature());
		assertThat(verifier.confirms(claimingK1)).isFalse();
	}

	@Test
	void leavesCheckpointsUnsignedWithoutKeys() {
		CheckpointSigner none = new CheckpointSigner(null, null, Map.of());
		assertThat(none.signs()).isFalse();
		Checkpoint checkpoint = none.sign(HEAD);
		assertThat(checkpoint.kid()).isNull();
		assertThat(checkpoint.signature()).isNull();
		assertThat(none.confirms(new CheckpointSigner(privateOf(KEY_1), "k1", Map.of()).sign(HEAD))).isFalse();
		assertThat(none.keys().signingKeyId()).isNull();
		assertThat(none.keys().keys()).isEmpty();
	}

	@Test
	void refusesBadKeysNamingTheSettingAndNeverRepeatsTheKey() {
		String rsa = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC";
		String notBase64 = "secret-but-not-base64!";
		for (String bad : new String[] { notBase64, RFC_PRIVATE.substring(0, 40), rsa, RFC_PUBLIC }) {
			assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(bad, "k1", Map.of()))
				.withMessageContaining("warden.audit.checkpoints.signing-key is not an Ed25519 private key")
				.withMessageContaining("openssl genpkey -algorithm ed25519")
				.withMessageNotContaining(bad);
		}
		assertThatIllegalStateException()
			.isThrownBy(() -> new CheckpointSigner(privateOf(KEY_1), "k1", Map.of("k0", RFC_PRIVATE)))
			.withMessageContaining("warden.audit.checkpoints.verification-keys.k0 is not an Ed25519 public key")
			.withMessageNotContaining(RFC_PRIVATE);
		assertThatIllegalStateException()
			.isThrownBy(() -> new CheckpointSigner(privateOf(KEY_1), "k1", Map.of("k1", publicOf(KEY_2))))
			.withMessageContaining("warden.audit.checkpoints.verification-keys.k1 is not the public key of "
					+ "warden.audit.checkpoints.signing-key")
			.withMessageNotContaining(privateOf(KEY_1))
			.withMessageNotContaining(publicOf(KEY_2));
		assertThat(new CheckpointSigner(privateOf(KEY_1), "k1", Map.of("k1", publicOf(KEY_1))).signs())
			.as("its own public key repeated")
			.isTrue();
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(privateOf(KEY_1), null, Map.of()))
			.withMessageContaining("warden.audit.checkpoints.signing-key is set but "
					+ "warden.audit.checkpoints.signing-key-id is not")
			.withMessageNotContaining(privateOf(KEY_1));
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(" ", "k1", Map.of()))
			.withMessageContaining("warden.audit.checkpoints.signing-key-id is 'k1' but "
					+ "warden.audit.checkpoints.signing-key is not set");
		assertThatIllegalStateException()
			.isThrownBy(() -> new CheckpointSigner(null, null, Map.of("k1", publicOf(KEY_1))))
			.withMessageContaining("warden.audit.checkpoints.verification-keys is set but "
					+ "warden.audit.checkpoints.signing-key is not");
		assertThatIllegalStateException().isThrownBy(() -> new CheckpointSigner(privateOf(KEY_1), "Key 1", Map.of()))
			.withMessageContaining("warden.audit.checkpoints.signing-key-id is 'Key 1', which is not a key id")
			.withMessageNotContaining(privateOf(KEY_1));
		assertThatIllegalStateException()
			.isThrownBy(() -> new CheckpointSigner(privateOf(KEY_1), "k1", Map.of("Old Key", publicOf(KEY_2))))
			.withMessageContaining("warden.audit.checkpoints.verification-keys has 'Old Key', which is not a key id");
	}

	@Test
	void bindsTheKeysFromTheEnvironmentVariablesTheLauncherSets() {
		runner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEY", privateOf(KEY_2),
								"WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID", "local",
								"WARDEN_AUDIT_CHECKPOINTS_VERIFICATIONKEYS_K202605", publicOf(KEY_1)))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CheckpointSigner signer = context.getBean(CheckpointSigner.class);
				assertThat(signer.signs()).isTrue();
				assertThat(signer.sign(HEAD).kid()).isEqualTo("local");
				assertThat(signer.keys().keys()).containsOnlyKeys("local", "k202605");
				assertThat(signer.confirms(new CheckpointSigner(privateOf(KEY_1), "k202605", Map.of()).sign(HEAD)))
					.isTrue();
				assertThat(context.getBean(CheckpointProperties.class).toString()).contains("signingKey=******")
					.contains("k202605")
					.doesNotContain(privateOf(KEY_2));
			});
	}

	@Test
	void stopsTheStartOnABadKeyNamingTheSettingNotTheKey() {
		runner()
			.withPropertyValues("warden.audit.checkpoints.signing-key=" + RFC_PUBLIC,
					"warden.audit.checkpoints.signing-key-id=k1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("warden.audit.checkpoints.signing-key is not an Ed25519 private key")
				.message()
				.doesNotContain(RFC_PUBLIC));
	}

	@Test
	void stopsTheStartWithoutASigningKeyUnlessUnsignedIsAllowedOrCheckpointsAreOff() {
		runner().run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("warden.audit.checkpoints.signing-key is not set")
			.hasMessageContaining("warden.audit.checkpoints.allow-unsigned=true"));
		runner().withPropertyValues("warden.audit.checkpoints.allow-unsigned=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CheckpointSigner.class).signs()).isFalse();
		});
		runner().withPropertyValues("warden.audit.checkpoints.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void stopsTheStartOnTheRetiredHmacKeysSayingWhatToSetInstead() {
		String hmacKey = Base64.getEncoder().encodeToString(new byte[32]);
		runner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYS_LOCAL", hmacKey,
								"WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID", "local"))))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("warden.audit.checkpoints.signing-keys.* (HMAC keys) is no longer read")
				.hasMessageContaining("set warden.audit.checkpoints.signing-key (an Ed25519 private key")
				.message()
				.doesNotContain(hmacKey));
		runner()
			.withPropertyValues("warden.audit.checkpoints.signing-key=" + RFC_PRIVATE,
					"warden.audit.checkpoints.signing-key-id=k1", "warden.audit.checkpoints.signing-keys.k0=" + hmacKey)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("signing-keys.* (HMAC keys) is no longer read"));
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(Signing.class);
	}

	private static KeyPair generate() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String privateOf(KeyPair pair) {
		return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
	}

	static String publicOf(KeyPair pair) {
		return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CheckpointProperties.class)
	@Import(CheckpointSigner.class)
	static class Signing {

	}

}
