package dev.warden.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * Mints access tokens for tests, signed by a test key that a local JWKS endpoint
 * publishes. The tokens look like auth-service's: RS256, {@code typ} {@code at+jwt}, and
 * the RFC 9068 claims. Builders also make the broken tokens that security tests throw at
 * services.
 */
public final class TestTokens {

	/** The issuer the test tokens carry and test services expect. */
	public static final String ISSUER = "urn:warden:auth";

	/** The audience the test tokens carry and test services expect. */
	public static final String AUDIENCE = "warden";

	private static final RSAKey SIGNING_KEY = newKey("test-signing-key");

	/** A key nobody publishes; tokens it signs must be refused. */
	private static final RSAKey ROGUE_KEY = newKey("test-signing-key");

	private static @Nullable HttpServer jwksServer;

	private TestTokens() {
	}

	/**
	 * Returns the URL of the test JWKS, starting its server on first use.
	 * @return the URL
	 */
	public static synchronized URI jwksUri() {
		if (jwksServer == null) {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				byte[] body = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
				server.createContext("/", (exchange) -> {
					exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				});
				server.setExecutor(null);
				server.start();
				jwksServer = server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json");
	}

	/**
	 * Starts a token for a member, with the scopes a member's own sign-in grants.
	 * @param subject the user id
	 * @return the builder
	 */
	public static Builder member(String subject) {
		return new Builder(subject).roles("MEMBER").scope("commands", "llm", "terminal");
	}

	/**
	 * Starts a token for an administrator, with the scopes an administrator's own sign-in
	 * grants.
	 * @param subject the user id
	 * @return the builder
	 */
	public static Builder admin(String subject) {
		return new Builder(subject).roles("ADMIN").scope("commands", "llm", "terminal", "admin");
	}

	/**
	 * Starts a service token, as auth-service issues for the client-credentials grant.
	 * @param clientId the service's client id
	 * @return the builder
	 */
	public static Builder service(String clientId) {
		return new Builder(clientId).scope("internal").clientId(clientId).name(clientId);
	}

	private static RSAKey newKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Builds one token; every claim can be changed or removed to make a broken token. */
	public static final class Builder {

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private @Nullable JOSEObjectType type = new JOSEObjectType("at+jwt");

		private RSAKey key = SIGNING_KEY;

		private @Nullable String keyId = SIGNING_KEY.getKeyID();

		private Instant issuedAt = Instant.now();

		private Duration lifetime = Duration.ofMinutes(15);

		Builder(String subject) {
			this.claims.put("iss", ISSUER);
			this.claims.put("sub", subject);
			this.claims.put("aud", List.of(AUDIENCE));
			this.claims.put("client_id", "warden-test");
			this.claims.put("preferred_username", subject);
			this.claims.put("jti", UUID.randomUUID().toString());
		}

		/**
		 * Sets the display name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			return claim("preferred_username", name);
		}

		/**
		 * Sets the roles.
		 * @param roles the roles
		 * @return this builder
		 */
		public Builder roles(String... roles) {
			return claim("roles", List.of(roles));
		}

		/**
		 * Sets the scopes.
		 * @param scopes the scopes
		 * @return this builder
		 */
		public Builder scope(String... scopes) {
			return claim("scope", String.join(" ", scopes));
		}

		/**
		 * Sets the client id.
		 * @param clientId the client id
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			return claim("client_id", clientId);
		}

		/**
		 * Sets the issuer.
		 * @param issuer the issuer
		 * @return this builder
		 */
		public Builder issuer(String issuer) {
			return claim("iss", issuer);
		}

		/**
		 * Sets the audience.
		 * @param audience the audience
		 * @return this builder
		 */
		public Builder audience(String audience) {
			return claim("aud", List.of(audience));
		}

		/**
		 * Sets or, with {@code null}, removes a claim.
		 * @param name the claim
		 * @param value its value
		 * @return this builder
		 */
		public Builder claim(String name, @Nullable Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/**
		 * Makes a token that expired a while ago.
		 * @return this builder
		 */
		public Builder expired() {
			this.issuedAt = Instant.now().minus(Duration.ofHours(2));
			this.lifetime = Duration.ofMinutes(15);
			return this;
		}

		/**
		 * Sets the lifetime.
		 * @param lifetime how long the token is valid from now
		 * @return this builder
		 */
		public Builder lifetime(Duration lifetime) {
			this.lifetime = lifetime;
			return this;
		}

		/**
		 * Sets the {@code typ} header, or removes it with {@code null}.
		 * @param type the type
		 * @return this builder
		 */
		public Builder type(@Nullable String type) {
			this.type = (type != null) ? new JOSEObjectType(type) : null;
			return this;
		}

		/**
		 * Signs with a key that is not in the JWKS, under the published key id.
		 * @return this builder
		 */
		public Builder signedWithRogueKey() {
			this.key = ROGUE_KEY;
			return this;
		}

		/**
		 * Signs with another key, under that key's id: for key sets that rotate.
		 * @param key the private key
		 * @return this builder
		 */
		public Builder signedWith(RSAKey key) {
			this.key = key;
			this.keyId = key.getKeyID();
			return this;
		}

		/**
		 * Sets the {@code kid} header, or removes it with {@code null}.
		 * @param keyId the key id
		 * @return this builder
		 */
		public Builder keyId(@Nullable String keyId) {
			this.keyId = keyId;
			return this;
		}

		/**
		 * Signs the token with the test key (RS256).
		 * @return the compact token
		 */
		public String build() {
			try {
				SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256), claimsSet());
				jwt.sign(new RSASSASigner(this.key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Makes an unsigned token ({@code alg} {@code none}).
		 * @return the compact token
		 */
		public String buildUnsigned() {
			return new PlainJWT(claimsSet()).serialize();
		}

		/**
		 * Makes an HS256 token whose HMAC key is the published RSA public key: the
		 * classic algorithm-confusion attack.
		 * @return the compact token
		 */
		public String buildHs256WithPublicKey() {
			try {
				SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256), claimsSet());
				byte[] secret = SIGNING_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
				jwt.sign(new MACSigner(secret));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Signs the token correctly, then flips one bit of its signature.
		 * @return the compact token
		 */
		public String buildWithFlippedBit() {
			String[] parts = build().split("\\.");
			byte[] signature = new Base64URL(parts[2]).decode();
			signature[signature.length / 2] ^= 0x01;
			return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
		}

		private JWSHeader header(JWSAlgorithm algorithm) {
			JWSHeader.Builder header = new JWSHeader.Builder(algorithm).keyID(this.keyId);
			if (this.type != null) {
				header.type(this.type);
			}
			return header.build();
		}

		private JWTClaimsSet claimsSet() {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
			this.claims.forEach(builder::claim);
			builder.issueTime(Date.from(this.issuedAt));
			builder.expirationTime(Date.from(this.issuedAt.plus(this.lifetime)));
			return builder.build();
		}

	}

	/**
	 * Returns every broken variant of a valid member token that a resource server must
	 * refuse, by name.
	 * @return the attacks
	 */
	public static Map<String, String> attacks() {
		Map<String, String> attacks = new LinkedHashMap<>();
		attacks.put("alg none", member("attacker").buildUnsigned());
		attacks.put("HS256 signed with the public key", member("attacker").buildHs256WithPublicKey());
		attacks.put("expired", member("attacker").expired().build());
		attacks.put("wrong issuer", member("attacker").issuer("https://evil.example").build());
		attacks.put("wrong audience", member("attacker").audience("someone-else").build());
		attacks.put("not an access token (typ JWT)", member("attacker").type("JWT").build());
		attacks.put("no typ", member("attacker").type(null).build());
		attacks.put("unknown kid", member("attacker").keyId("no-such-key").build());
		attacks.put("forged signature under the published kid", member("attacker").signedWithRogueKey().build());
		attacks.put("flipped bit", member("attacker").buildWithFlippedBit());
		attacks.put("no subject", member("attacker").claim("sub", null).build());
		attacks.put("garbage", "not-a-jwt");
		return attacks;
	}

}
