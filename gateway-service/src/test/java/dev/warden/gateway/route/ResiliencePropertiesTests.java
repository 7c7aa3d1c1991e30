package dev.warden.gateway.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResiliencePropertiesTests {

	private static final ResilienceProperties.Settings DEFAULTS = new ResilienceProperties.Settings(
			Duration.ofSeconds(10), 50, 20, 10, Duration.ofSeconds(30), 3, 2, Duration.ofMillis(100),
			Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS));

	@Test
	void neverRetriesPostPatchOrPut() {
		for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PATCH, HttpMethod.PUT)) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ResilienceProperties.Settings(Duration.ofSeconds(10), 50, 20, 10,
						Duration.ofSeconds(30), 3, 2, Duration.ofMillis(100), Set.of(HttpMethod.GET, method)));
		}
	}

	@Test
	void routeOverridesWinOverServiceOverridesWhichWinOverDefaults() {
		ResilienceProperties properties = new ResilienceProperties(DEFAULTS,
				Map.of("llm-proxy", overrides(Duration.ofSeconds(120), 5), "openai", overrides(null, 0)));
		GatewayRoute openai = route("openai", "llm-proxy");
		GatewayRoute llm = route("llm", "llm-proxy");
		GatewayRoute rules = route("rules", "rules");

		assertThat(properties.forRoute(openai).timeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(properties.forRoute(openai).retries()).isZero();
		assertThat(properties.forRoute(llm).retries()).isEqualTo(5);
		assertThat(properties.forRoute(rules)).isEqualTo(DEFAULTS);
	}

	private static ResilienceProperties.Overrides overrides(Duration timeout, Integer retries) {
		return new ResilienceProperties.Overrides(timeout, null, null, null, null, null, retries, null, null);
	}

	private static GatewayRoute route(String id, String service) {
		return new GatewayRoute(id, service, URI.create("http://localhost"), List.of("/x/**"), Set.of(), null);
	}

}
