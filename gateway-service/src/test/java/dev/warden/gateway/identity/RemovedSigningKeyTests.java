package dev.warden.gateway.identity;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.warden.platform.security.AccessTokenValidation;
import dev.warden.platform.security.SecurityProperties;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache in front of the real decoder and a JWKS endpoint whose keys a
 * test removes, as auth-service does when it retires a signing key: once the edge has
 * fetched the key set without the key, cached tokens signed with it are refused, while
 * cached tokens under keys still published are still served from the cache.
 */
class RemovedSigningKeyTests {

	private final List<JWK> served = new CopyOnWriteArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicInteger verifications = new AtomicInteger();

	private final PublishedKeyIds published = new PublishedKeyIds();

	private RSAKey second;

	private HttpServer server;

	private URI jwksUri;

	private OAuth2TokenValidator<Jwt> validator;

	@BeforeEach
	void start() throws Exception {
		// TestTokens' own key, as auth-service publishes it, and a second one.
		String testJwks = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(TestTokens.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		this.served.addAll(JWKSet.parse(testJwks).getKeys());
		this.second = new RSAKeyGenerator(2048).keyID("second-" + UUID.randomUUID()).generate();
		this.served.add(this.second.toPublicJWK());
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.fetches.incrementAndGet();
			byte[] body = new JWKSet(List.copyOf(this.served)).toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		this.jwksUri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json");
		this.validator = AccessTokenValidation.validator(
				new SecurityProperties(this.jwksUri, TestTokens.ISSUER, TestTokens.AUDIENCE, "roles", List.of()));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aCachedTokenIsRefusedOnceARefreshTriggeredByAnUnknownKidNoLongerFindsItsKey() throws Exception {
		VerifiedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofMinutes(1));
		String retired = TestTokens.member("alice").build();
		String kept = sign(this.second, "bob");
		cache.decode(retired);
		cache.decode(kept);
		assertThat(this.verifications).hasValue(2);
		assertThat(this.fetches).hasValue(1);

		this.served.removeIf((key) -> !key.getKeyID().equals(this.second.getKeyID()));
		// Until the edge fetches the key set again it cannot know: still served.
		assertThat(cache.decode(retired).getSubject()).isEqualTo("alice");
		assertThat(this.verifications).hasValue(2);

		// A token naming a key the edge does not hold makes it fetch the key set.
		String unknownKid = TestTokens.member("mallory").keyId("no-such-key").build();
		assertThatThrownBy(() -> cache.decode(unknownKid)).isInstanceOf(JwtException.class);
		assertThat(this.fetches).hasValue(2);

		// Refused as a bad token (401), although the rate limit allows no further fetch.
		assertThatThrownBy(() -> cache.decode(retired)).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> cache.decode(retired)).isInstanceOf(BadJwtException.class);
		// The token under the key still published is still served from the cache.
		int before = this.verifications.get();
		assertThat(cache.decode(kept).getSubject()).isEqualTo("bob");
		assertThat(cache.decode(kept).getSubject()).isEqualTo("bob");
		assertThat(this.verifications).hasValue(before);
	}

	@Test
	void aCachedTokenIsRefusedOnceTheKeyCacheExpiredAndTheKeySetWasFetchedAgain() throws Exception {
		// A key cache of 200 ms: the next verification after that fetches the key set.
		VerifiedTokenCache cache = cache(Duration.ofMillis(200), Duration.ofMillis(100));
		String retired = TestTokens.member("carol").build();
		cache.decode(retired);
		this.served.removeIf((key) -> !key.getKeyID().equals(this.second.getKeyID()));
		Thread.sleep(300);
		// Any token not in the cache is verified, which refreshes the expired key set.
		assertThat(cache.decode(sign(this.second, "dave")).getSubject()).isEqualTo("dave");
		assertThat(this.fetches).hasValue(2);
		assertThatThrownBy(() -> cache.decode(retired)).isInstanceOf(BadJwtException.class);
	}

	@Test
	void aTokenThatComesBackWithItsKeyIsAcceptedAgain() throws Exception {
		// Fetches rate-limited to two per 100 ms, so that the key's return is fetched.
		VerifiedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofMillis(100));
		String token = TestTokens.member("erin").build();
		cache.decode(token);
		List<JWK> all = List.copyOf(this.served);
		this.served.removeIf((key) -> !key.getKeyID().equals(this.second.getKeyID()));
		assertThatThrownBy(() -> cache.decode(TestTokens.member("x").keyId("no-such-key").build()))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
		// Published again (a rollback at auth-service): verified again and accepted.
		this.served.clear();
		this.served.addAll(all);
		Thread.sleep(150);
		assertThat(cache.decode(token).getSubject()).isEqualTo("erin");
	}

	@Test
	void aTokenWithoutKidIsVerifiedEveryTime() {
		VerifiedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofMinutes(1));
		String token = TestTokens.member("frank").keyId(null).build();
		assertThat(cache.decode(token).getSubject()).isEqualTo("frank");
		assertThat(cache.decode(token).getSubject()).isEqualTo("frank");
		assertThat(this.verifications).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	private VerifiedTokenCache cache(Duration jwksCacheTtl, Duration minRefreshInterval) {
		NimbusJwtDecoder nimbus = EdgeJwtDecoders.create(this.jwksUri, new IdentityProperties.Jwks(jwksCacheTtl,
				minRefreshInterval, Duration.ofSeconds(2), Duration.ofSeconds(2)), this.validator, this.published);
		JwtDecoder counting = (token) -> {
			this.verifications.incrementAndGet();
			return nimbus.decode(token);
		};
		return new VerifiedTokenCache(counting, this.validator, this.published, Duration.ofSeconds(60), 100,
				Clock.systemUTC());
	}

	private static String sign(RSAKey key, String subject) {
		return TestTokens.member(subject).signedWith(key).build();
	}

}
