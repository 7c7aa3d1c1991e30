package dev.warden.platform.observability;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults (health groups, metrics tags, JSON logs, error rendering)
 * with the lowest precedence, so a service's {@code application.yml}, its environment and
 * its command line all override them.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String RESOURCE = "META-INF/warden/platform-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("wardenPlatformDefaults", new ClassPathResource(RESOURCE)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Platform defaults missing from the class path", ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
