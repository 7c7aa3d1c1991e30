package dev.warden.gateway.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Turns off Spring Security's own observations at the edge. With them, every one of the
 * security chain's filters, the authentication and the authorization is a Micrometer
 * observation with its own timer and span: a profile of the gateway under load
 * (docs/benchmarks.md, the gateway section) found those wrappers around a fifth of the
 * request's CPU, for spans nobody reads. The request itself is still observed (the HTTP
 * server and client observations, trace ids, the access log), and failed sign-ins still
 * surface as 401 problems and in the access log.
 */
@Configuration(proxyBeanMethods = false)
class EdgeObservationConfiguration {

	@Bean
	SecurityObservationSettings noSpringSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

}
