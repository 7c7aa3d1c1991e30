package dev.warden.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deployment that still sets {@code warden.gateway.rate-limits.trusted-proxies} must
 * not start: the rate limit now follows {@code warden.gateway.trusted-proxies}, and a
 * silently ignored list would leave the operator believing the limiter trusts their
 * proxies.
 */
class RemovedSettingsTests {

	@Test
	void refusesTheRateLimitsTrustedProxiesListNamingItsReplacement() {
		StandardEnvironment environment = environment(Map.of("warden.gateway.rate-limits.trusted-proxies[0]",
				"10.0.0.1", "warden.gateway.rate-limits.trusted-proxies[1]", "10.0.0.2"));

		assertThatThrownBy(() -> RemovedSettings.check(environment))
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("warden.gateway.rate-limits.trusted-proxies")
			.hasMessageContaining("10.0.0.1,10.0.0.2")
			.hasMessageContaining("warden.gateway.trusted-proxies instead");
	}

	@Test
	void refusesItAsAnEnvironmentVariable() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("WARDEN_GATEWAY_RATELIMITS_TRUSTEDPROXIES", "10.0.0.1")));

		assertThatThrownBy(() -> RemovedSettings.check(environment))
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("warden.gateway.trusted-proxies instead");
	}

	@Test
	void refusesItEvenWhenEmpty() {
		// "trusted-proxies: []" in a YAML file: still a sign that someone relies on it.
		StandardEnvironment environment = environment(Map.of("warden.gateway.rate-limits.trusted-proxies", ""));

		assertThatThrownBy(() -> RemovedSettings.check(environment))
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
	}

	@Test
	void acceptsTheReplacementAndTheRestOfTheRateLimits() {
		StandardEnvironment environment = environment(Map.of("warden.gateway.trusted-proxies", "10\\.0\\.0\\.1",
				"warden.gateway.rate-limits.fail-open[0]", "general"));

		assertThatNoException().isThrownBy(() -> RemovedSettings.check(environment));
	}

	@Test
	void stopsAnApplicationThatStillSetsIt() {
		// Registered in META-INF/spring.factories, so it runs for every start.
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatThrownBy(() -> application.run("--warden.gateway.rate-limits.trusted-proxies=10.0.0.1"))
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(RemovedSettings.REPLACEMENTS).containsKey("warden.gateway.rate-limits.trusted-proxies");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("application.yml", properties));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
