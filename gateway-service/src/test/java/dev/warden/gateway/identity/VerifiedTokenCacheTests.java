package dev.warden.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.platform.security.AccessTokenValidation;
import dev.warden.platform.security.SecurityProperties;
import dev.warden.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache in front of the edge's real decoder (TestTokens' key set): a
 * token is verified once, and only a token that passed; every hit is checked again.
 */
class VerifiedTokenCacheTests {

	private final BlockedUsers blocked = new BlockedUsers(Duration.ofMinutes(20), null);

	private final OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
			AccessTokenValidation.validator(new SecurityProperties(TestTokens.jwksUri(), TestTokens.ISSUER,
					TestTokens.AUDIENCE, "roles", List.of())),
			new BlockedUserValidator(this.blocked));

	private final PublishedKeyIds published = new PublishedKeyIds();

	private final NimbusJwtDecoder nimbus = EdgeJwtDecoders.create(TestTokens.jwksUri(),
			new IdentityProperties.Jwks(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
					Duration.ofSeconds(2)),
			this.validator, this.published);

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		return this.nimbus.decode(token);
	};

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, this.validator, this.published,
			Duration.ofSeconds(60), 100, Clock.systemUTC());

	@Test
	void aTokenSeenAgainIsNotVerifiedAgain() {
		String token = TestTokens.member("alice").build();
		Jwt first = this.cache.decode(token);
		Jwt second = this.cache.decode(token);
		assertThat(second.getSubject()).isEqualTo("alice");
		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aTamperedTokenIsNeverServedFromTheCache() {
		String token = TestTokens.member("alice").build();
		this.cache.decode(token);
		String[] parts = token.split("\\.");
		// The same header and claims, another signature; and the signed claims changed.
		String flipped = parts[0] + "." + parts[1] + "." + flip(parts[2]);
		String claimsChanged = parts[0] + "." + flip(parts[1]) + "." + parts[2];
		for (String tampered : List.of(flipped, claimsChanged, token + "x",
				TestTokens.member("alice").buildWithFlippedBit())) {
			assertThatThrownBy(() -> this.cache.decode(tampered)).isInstanceOf(JwtException.class);
		}
		assertThat(this.verifications).hasValue(5);
	}

	@Test
	void aRefusedTokenIsNotRememberedAndIsVerifiedEveryTime() {
		String forged = TestTokens.member("mallory").signedWithRogueKey().build();
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> this.cache.decode(forged)).isInstanceOf(JwtException.class);
		}
		assertThat(this.verifications).hasValue(3);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void theTokenOfAUserBlockedAfterItWasCachedIsRefusedAtOnce() {
		String token = TestTokens.member("bob").build();
		Jwt jwt = this.cache.decode(token);
		this.blocked.block("bob", jwt.getIssuedAt().plusSeconds(2));
		assertThatThrownBy(() -> this.cache.decode(token)).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("blocked");
		assertThat(this.verifications).hasValue(1);
		// Dropped from the cache: asked again, it is verified again (and refused again).
		assertThatThrownBy(() -> this.cache.decode(token)).isInstanceOf(JwtValidationException.class);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aCachedTokenThatHasSinceExpiredIsRefused() {
		MutableClock clock = new MutableClock(Instant.now());
		JwtTimestampValidator times = new JwtTimestampValidator(Duration.ZERO);
		times.setClock(clock);
		VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, times, this.published, Duration.ofMinutes(10),
				100, clock);
		String token = TestTokens.member("carol").lifetime(Duration.ofMinutes(5)).build();
		Jwt jwt = cache.decode(token);
		assertThat(cache.decode(token)).isSameAs(jwt);
		clock.now = jwt.getExpiresAt().plusSeconds(1);
		assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("expired");
	}

	@Test
	void aTokenIsRememberedForItsRemainingLifetimeAndNeverLongerThanTheCap() {
		Instant now = Instant.parse("2026-11-23T08:00:00Z");
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		Duration cap = Duration.ofSeconds(60);
		assertThat(VerifiedTokenCache.lifetime(expiringAt(now.plusSeconds(900)), cap, clock)).isEqualTo(cap);
		assertThat(VerifiedTokenCache.lifetime(expiringAt(now.plusSeconds(10)), cap, clock))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(VerifiedTokenCache.lifetime(expiringAt(now.minusSeconds(1)), cap, clock)).isZero();
	}

	private static Jwt expiringAt(Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("s")
			.issuedAt(expiresAt.minusSeconds(1000))
			.expiresAt(expiresAt)
			.build();
	}

	private static String flip(String base64url) {
		char last = base64url.charAt(base64url.length() / 2);
		char other = (last == 'A') ? 'B' : 'A';
		return base64url.substring(0, base64url.length() / 2) + other + base64url.substring(base64url.length() / 2 + 1);
	}

	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
