package dev.warden.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with a setting the gateway no longer reads. Spring Boot ignores
 * unknown keys, so a deployment that still sets a removed one would otherwise run with
 * something other than what its operator wrote, silently; the refusal names the setting
 * that replaced it. Runs after the configuration files are loaded, so it sees them, the
 * environment and the command line alike.
 */
public final class RemovedSettings implements EnvironmentPostProcessor, Ordered {

	/** Each removed key, and what to do instead. */
	static final Map<String, String> REPLACEMENTS = Map.of("warden.gateway.rate-limits.trusted-proxies",
			"it was removed; list the proxies in warden.gateway.trusted-proxies instead "
					+ "(a regular expression of their addresses, WARDEN_GATEWAY_TRUSTED_PROXIES), "
					+ "which the rate limits, the access log and the forwarded headers all follow");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		check(environment);
	}

	static void check(ConfigurableEnvironment environment) {
		REPLACEMENTS.forEach((removed, reason) -> {
			if (isSet(environment, ConfigurationPropertyName.of(removed))) {
				List<String> value = Binder.get(environment)
					.bind(removed, Bindable.listOf(String.class))
					.orElse(List.of());
				throw new InvalidConfigurationPropertyValueException(removed, String.join(",", value), reason);
			}
		});
	}

	/** Set as one value (a variable, a property) or as a list ({@code key[0]}). */
	private static boolean isSet(ConfigurableEnvironment environment, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(name) != null
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
