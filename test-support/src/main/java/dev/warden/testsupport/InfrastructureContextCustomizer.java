package dev.warden.testsupport;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the connection details of the test infrastructure, with a fresh database for each
 * context, ahead of the application's own configuration.
 */
final class InfrastructureContextCustomizer implements ContextCustomizer {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private final Set<Service> services;

	InfrastructureContextCustomizer(List<Service> services) {
		this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
		Infrastructure infrastructure = Infrastructure.get();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("warden.security.jwks-uri", TestTokens.jwksUri().toString());
		properties.put("warden.security.issuer", TestTokens.ISSUER);
		properties.put("warden.security.audience", TestTokens.AUDIENCE);
		if (this.services.contains(Service.POSTGRES)) {
			DatabaseDetails database = infrastructure.createDatabase(
					"test_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff));
			properties.put("spring.datasource.url", database.jdbcUrl());
			properties.put("spring.datasource.username", database.username());
			properties.put("spring.datasource.password", database.password());
		}
		if (this.services.contains(Service.KAFKA)) {
			properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
		}
		if (this.services.contains(Service.REDIS)) {
			properties.put("warden.redis.address", infrastructure.redisAddress());
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("wardenTestInfrastructure", properties));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof InfrastructureContextCustomizer that && this.services.equals(that.services);
	}

	@Override
	public int hashCode() {
		return this.services.hashCode();
	}

}
