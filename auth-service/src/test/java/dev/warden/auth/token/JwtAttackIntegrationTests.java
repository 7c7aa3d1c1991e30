package dev.warden.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.auth.AuthFixtures;
import dev.warden.auth.AuthHttp;
import dev.warden.auth.TestUsers;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.warden.auth.AuthFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way to forge or misuse a token that RFC 8725 warns about, thrown at auth-service
 * itself. The attacks that need a valid signature are signed with auth-service's real
 * key, so that only the checks after the signature can refuse them.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class JwtAttackIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	SigningKeys keys;

	@Test
	void refusesEveryForgedOrMisusedToken() throws Exception {
		JsonNode session = new AuthHttp(this.http).registerAndSignIn(AuthFixtures.uniqueName("victim"), PASSWORD);
		String valid = session.get("access_token").asString();
		assertThat(status(valid)).as("the genuine token").isEqualTo(200);
		JWTClaimsSet claims = SignedJWT.parse(valid).getJWTClaimsSet();
		RSAKey key = this.keys.signingKey();

		Map<String, String> attacks = new LinkedHashMap<>();
		attacks.put("alg none", new PlainJWT(claims).serialize());
		attacks.put("HS256 signed with the public key", hs256(claims, key));
		attacks.put("expired", sign(key, rs256(key), with(claims, "exp", Date.from(Instant.now().minusSeconds(60)))));
		attacks.put("wrong issuer", sign(key, rs256(key), with(claims, "iss", "https://evil.example")));
		attacks.put("wrong audience", sign(key, rs256(key), with(claims, "aud", List.of("someone-else"))));
		attacks.put("typ JWT instead of at+jwt", sign(key,
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims));
		attacks.put("unknown kid",
				sign(key,
						new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key")
							.type(new JOSEObjectType("at+jwt"))
							.build(),
						claims));
		attacks.put("signed by another key under the real kid",
				TestTokens.member(claims.getSubject()).keyId(key.getKeyID()).signedWithRogueKey().build());
		attacks.put("flipped bit", flipBit(valid));
		attacks.put("refresh token as access token", session.get("refresh_token").asString());
		attacks.put("no client_id", sign(key, rs256(key), with(claims, "client_id", null)));

		for (Map.Entry<String, String> attack : attacks.entrySet()) {
			assertThat(status(attack.getValue())).as(attack.getKey()).isEqualTo(401);
		}
	}

	private int status(String token) {
		return this.http.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static JWSHeader rs256(RSAKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build();
	}

	private static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String hs256(JWTClaimsSet claims, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build(), claims);
		jwt.sign(new MACSigner(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	private static JWTClaimsSet with(JWTClaimsSet claims, String name, Object value) {
		return new JWTClaimsSet.Builder(claims).claim(name, value).build();
	}

	private static String flipBit(String token) {
		String[] parts = token.split("\\.");
		byte[] signature = new Base64URL(parts[2]).decode();
		signature[7] ^= 0x01;
		return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
	}

}
