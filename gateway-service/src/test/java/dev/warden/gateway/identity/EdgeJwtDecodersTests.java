package dev.warden.gateway.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.warden.platform.security.AccessTokenValidation;
import dev.warden.platform.security.SecurityProperties;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge's JWKS policy against a JWKS endpoint that counts its fetches: a rotated key
 * is picked up with one fetch, and forged key ids cannot make the gateway fetch more than
 * the rate limit allows.
 */
class EdgeJwtDecodersTests {

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private HttpServer server;

	private NimbusJwtDecoder decoder;

	@BeforeEach
	void start() throws Exception {
		// TestTokens' own key, as auth-service publishes it.
		String testJwks = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(TestTokens.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		this.published.addAll(JWKSet.parse(testJwks).getKeys());
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.fetches.incrementAndGet();
			byte[] body = new JWKSet(List.copyOf(this.published)).toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json");
		SecurityProperties security = new SecurityProperties(uri, TestTokens.ISSUER, TestTokens.AUDIENCE, "roles",
				List.of());
		this.decoder = EdgeJwtDecoders.create(uri, new IdentityProperties.Jwks(Duration.ofMinutes(5),
				Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(2)),
				AccessTokenValidation.validator(security), new PublishedKeyIds());
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void cachesTheKeySet() {
		for (int i = 0; i < 20; i++) {
			this.decoder.decode(TestTokens.member("user-" + i).build());
		}
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void acceptsATokenSignedByARotatedKeyAfterOneRefresh() throws Exception {
		this.decoder.decode(TestTokens.member("alice").build());
		assertThat(this.fetches).hasValue(1);
		RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated-" + UUID.randomUUID()).generate();
		this.published.add(rotated.toPublicJWK());
		assertThat(this.decoder.decode(sign(rotated, rotated.getKeyID())).getSubject()).isEqualTo("bob");
		assertThat(this.fetches).hasValue(2);
		this.decoder.decode(sign(rotated, rotated.getKeyID()));
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void forgedKeyIdsCauseAtMostTheRateLimitedNumberOfFetches() throws Exception {
		this.decoder.decode(TestTokens.member("alice").build());
		RSAKey forger = new RSAKeyGenerator(2048).keyID("x").generate();
		for (int i = 0; i < 200; i++) {
			String forged = sign(forger, "forged-" + UUID.randomUUID());
			// A bad token (401), also once no fetch is allowed: never an error (500).
			assertThatThrownBy(() -> this.decoder.decode(forged)).isInstanceOf(BadJwtException.class);
		}
		// The first fetch, and at most one refresh more in the minute (Nimbus's rate
		// limiter admits two fetches per interval).
		assertThat(this.fetches.get()).isLessThanOrEqualTo(2);
		// Valid tokens under the cached key still work during the storm.
		assertThat(this.decoder.decode(TestTokens.member("carol").build()).getSubject()).isEqualTo("carol");
	}

	@Test
	void refusesAnAlgorithmOtherThanRs256() {
		assertThatThrownBy(() -> this.decoder.decode(TestTokens.member("eve").buildHs256WithPublicKey()))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> this.decoder.decode(TestTokens.member("eve").buildUnsigned()))
			.isInstanceOf(JwtException.class);
	}

	private static String sign(RSAKey key, String keyId) throws Exception {
		java.time.Instant now = java.time.Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.subject("bob")
			.claim("client_id", "warden-test")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(keyId).build(),
				claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
