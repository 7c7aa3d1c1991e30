package dev.warden.gateway.hygiene;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CorsPropertiesTests {

	@Test
	void refusesAnyOriginWithCredentials() {
		assertThatIllegalArgumentException().isThrownBy(() -> cors(List.of("https://a.example", "*"), true))
			.withMessageContaining("allow-credentials");
	}

	@Test
	void acceptsAnyOriginWithoutCredentialsAndExactOriginsWithThem() {
		assertThat(cors(List.of("*"), false).allowedOrigins()).containsExactly("*");
		assertThat(cors(List.of("https://console.example.com", "http://localhost:3000"), true).allowedOrigins())
			.hasSize(2);
	}

	@Test
	void refusesWildcardPatternsAndOriginsWithPaths() {
		assertThatIllegalArgumentException().isThrownBy(() -> cors(List.of("https://*.example.com"), false));
		assertThatIllegalArgumentException().isThrownBy(() -> cors(List.of("https://console.example.com/app"), false));
		assertThatIllegalArgumentException().isThrownBy(() -> cors(List.of("console.example.com"), false));
	}

	private static CorsProperties cors(List<String> origins, boolean credentials) {
		return new CorsProperties(origins, List.of("GET"), List.of("Authorization"), List.of("X-Request-Id"),
				credentials, Duration.ofMinutes(30));
	}

}
