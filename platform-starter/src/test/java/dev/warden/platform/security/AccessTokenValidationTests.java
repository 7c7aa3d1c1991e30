package dev.warden.platform.security;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenValidationTests {

	@Test
	void claimSetConverterKeepsAUrnIssuerAsAStringAndStillConvertsTheOtherClaims() {
		Map<String, Object> claims = AccessTokenValidation.claimSetConverter()
			.convert(Map.of("iss", "urn:warden:auth", "exp", 1_900_000_000L, "aud", "warden"));

		assertThat(claims).isNotNull();
		assertThat(claims.get("iss")).isEqualTo("urn:warden:auth");
		assertThat(claims.get("exp")).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
		assertThat(claims.get("aud")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("warden");
	}

	@Test
	void claimSetConverterKeepsAnHttpsIssuerAsTheSameString() {
		Map<String, Object> claims = AccessTokenValidation.claimSetConverter()
			.convert(Map.of("iss", "https://auth.example.com"));

		assertThat(claims).isNotNull();
		assertThat(claims.get("iss")).isEqualTo("https://auth.example.com");
	}

}
