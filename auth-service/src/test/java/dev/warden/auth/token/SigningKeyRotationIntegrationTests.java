package dev.warden.auth.token;

import dev.warden.auth.AuthFixtures;
import dev.warden.auth.AuthHttp;
import dev.warden.auth.TestUsers;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.warden.auth.AuthFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class SigningKeyRotationIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	SigningKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Test
	void tokensSignedBeforeARotationStayValidUntilTheyExpire() throws Exception {
		AuthHttp auth = new AuthHttp(this.http);
		String name = AuthFixtures.uniqueName("rotate");
		String before = auth.registerAndSignIn(name, PASSWORD).get("access_token").asString();
		String oldKid = com.nimbusds.jwt.SignedJWT.parse(before).getHeader().getKeyID();

		String newKid = this.keys.rotate();

		String after = auth.passwordGrant(name, PASSWORD).get("access_token").asString();
		assertThat(com.nimbusds.jwt.SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid)
			.isNotEqualTo(oldKid);
		auth.get("/api/v1/auth/me", AuthHttp.bearer(before)).expectStatus().isOk();
		auth.get("/api/v1/auth/me", AuthHttp.bearer(after)).expectStatus().isOk();
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody()
			.jsonPath("$.keys[*].kid")
			.value((kids) -> assertThat(kids.toString()).contains(oldKid, newKid));
		// One key signs; the retired one is published until its tokens have expired (15
		// min + 5 min skew).
		assertThat(this.jdbc.sql("select count(*) from auth.signing_keys where retired_at is null")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select publish_until - retired_at from auth.signing_keys where kid = ?")
			.param(oldKid)
			.query(String.class)
			.single()).isEqualTo("00:20:00");
	}

	@Test
	void keepsPrivateKeysEncryptedAtRest() {
		String stored = this.jdbc.sql("select encode(private_key, 'escape') from auth.signing_keys limit 1")
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("BEGIN").doesNotContain("PRIVATE");
		byte[] raw = this.jdbc.sql("select private_key from auth.signing_keys limit 1").query(byte[].class).single();
		assertThatExceptionOfType(java.security.spec.InvalidKeySpecException.class)
			.isThrownBy(() -> java.security.KeyFactory.getInstance("RSA")
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(raw)));
	}

}
