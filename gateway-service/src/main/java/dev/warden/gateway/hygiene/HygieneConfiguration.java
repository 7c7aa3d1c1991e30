package dev.warden.gateway.hygiene;

import java.util.List;

import dev.warden.platform.problem.Problems;
import dev.warden.platform.security.HttpSecurityCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The edge's servlet filters, in this order: request id (platform, first), security
 * headers, access log, body limit, size limit (platform), hidden paths (routes), CORS,
 * then the identity filters and Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class HygieneConfiguration {

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	@ConditionalOnProperty(name = "warden.gateway.access-log.enabled", havingValue = "true", matchIfMissing = true)
	FilterRegistrationBean<AccessLog> accessLogFilter(JsonMapper jsonMapper) {
		FilterRegistrationBean<AccessLog> registration = new FilterRegistrationBean<>(new AccessLog(jsonMapper));
		// Inside the request id filter, so that the id is known; outside everything that
		// can answer, so that every answer is logged.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	/** The access log's lines are written by logback's worker thread. */
	@Bean
	@ConditionalOnProperty(name = "warden.gateway.access-log.async", havingValue = "true", matchIfMissing = true)
	AsyncAccessLog asyncAccessLog() {
		return new AsyncAccessLog();
	}

	@Bean
	HttpSecurityCustomizer accessLogUserCapture() {
		return (http) -> http.addFilterAfter(new AuthenticatedUserCapture(), BearerTokenAuthenticationFilter.class);
	}

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties, Problems problems) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(properties.allowedMethods());
		configuration.setAllowedHeaders(properties.allowedHeaders());
		configuration.setExposedHeaders(properties.exposedHeaders());
		configuration.setAllowCredentials(properties.allowCredentials());
		configuration.setMaxAge(properties.maxAge());
		// Spring checks this too, at the first CORS request; checked now so that the
		// gateway refuses to start rather than to answer.
		configuration.validateAllowCredentials();
		UrlBasedCorsConfigurationSource everyPath = new UrlBasedCorsConfigurationSource();
		everyPath.registerCorsConfiguration("/**", configuration);
		// Browsers apply no CORS to WebSocket handshakes; their Origin is checked by the
		// relay against warden.gateway.websocket.allowed-origins (docs/edge-identity.md).
		CorsFilter filter = new CorsFilter((request) -> "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
				? null : everyPath.getCorsConfiguration(request));
		filter.setCorsProcessor(new CorsRejection(problems));
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
		// Before the identity filters and Spring Security: a preflight carries no
		// credentials and is answered here.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 35);
		registration.setUrlPatterns(List.of("/*"));
		return registration;
	}

}
