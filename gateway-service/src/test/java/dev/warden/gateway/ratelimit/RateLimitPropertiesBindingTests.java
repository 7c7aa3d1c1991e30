package dev.warden.gateway.ratelimit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployments change a tier's limit with an environment variable
 * ({@code WARDEN_GATEWAY_RATELIMITS_TIERS_ENTERPRISE_GENERAL_LIMIT}); that must replace
 * the configured limit of that tier, whose name is upper case in application.yml, and not
 * add a lower-case tier beside it.
 */
class RateLimitPropertiesBindingTests {

	@Test
	void anEnvironmentVariableOverridesOneLimitOfATier() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("warden.gateway.rate-limits.tiers.enterprise.general.limit", "5000",
							"warden.gateway.rate-limits.tiers.enterprise.general.period", "1m",
							"warden.gateway.rate-limits.tiers.enterprise.auth.limit", "100",
							"warden.gateway.rate-limits.tiers.enterprise.auth.period", "1m")));
		// The process environment, as Spring Boot reads it (the name selects the variable
		// mapping), ahead of the configuration files as in a running application.
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("WARDEN_GATEWAY_RATELIMITS_TIERS_ENTERPRISE_GENERAL_LIMIT", "100000000")));
		ConfigurationPropertySources.attach(environment);

		RateLimitProperties properties = Binder.get(environment)
			.bind("warden.gateway.rate-limits", RateLimitProperties.class)
			.get();

		assertThat(properties.tiers()).containsOnlyKeys("enterprise");
		assertThat(properties.limitOf("enterprise", RequestClass.GENERAL).limit()).isEqualTo(100_000_000);
		assertThat(properties.limitOf("ENTERPRISE", RequestClass.AUTH).limit()).isEqualTo(100);
		// Left out, the per-address limit is seed 004's Free authentication limit.
		assertThat(properties.anonymousAuth())
			.isEqualTo(new RateLimitProperties.Limit(10, java.time.Duration.ofMinutes(1)));
	}

}
