package dev.warden.platform.security;

import java.util.ArrayList;
import java.util.List;

import dev.warden.platform.problem.Problems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Makes every service an OAuth2 resource server that trusts only auth-service's RS256
 * access tokens. Health, Prometheus, the API documentation and the paths a service lists
 * as public are open; {@code /internal/**} needs a service token; everything else needs a
 * valid token.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class ResourceServerAutoConfiguration {

	/** Paths open to anyone in every service. */
	static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
			"/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error");

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			// The RFC 9068 validator below checks typ = at+jwt; Nimbus's own check would
			// accept "JWT".
			.validateType(false)
			.build();
		decoder.setJwtValidator(AccessTokenValidation.validator(properties));
		decoder.setClaimSetConverter(AccessTokenValidation.claimSetConverter());
		return decoder;
	}

	@Bean
	@ConditionalOnMissingBean
	CurrentActor currentActor(@Value("${spring.application.name:warden}") String serviceName) {
		return new CurrentActor(serviceName);
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain wardenSecurityFilterChain(HttpSecurity http, SecurityProperties properties, Problems problems,
			ObjectProvider<HttpSecurityCustomizer> httpCustomizers,
			ObjectProvider<AuthorizeRequestsCustomizer> requestCustomizers) throws Exception {
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(new JwtAuthoritiesConverter(properties.rolesClaim()));
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler(problems);
		List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
		publicPaths.addAll(properties.publicPaths());

		for (HttpSecurityCustomizer customizer : httpCustomizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		http.csrf((csrf) -> csrf.disable()) // bearer tokens only, no cookies to forge
			.cors((cors) -> cors.disable()) // CORS is the gateway's job; services are not
											// called by browsers
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.oauth2ResourceServer((oauth2) -> oauth2.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(new ProblemBearerFailureHandler(entryPoint, problems));
						return filter;
					}
				})
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication)))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/internal/**").hasAuthority(WardenAuthorities.INTERNAL_AUTHORITY);
				requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
				requestCustomizers.orderedStream().forEach((customizer) -> customizer.customize(requests));
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

}
