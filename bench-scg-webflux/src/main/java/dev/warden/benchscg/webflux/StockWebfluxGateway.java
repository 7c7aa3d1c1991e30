package dev.warden.benchscg.webflux;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Stock Spring Cloud Gateway (WebFlux). Routes come from application.yml; with
 * {@code bench.features=true} (profile "features") every request needs a valid JWT and
 * passes the stock RequestRateLimiter, which is what the documentation of both projects
 * shows. Without it, security is switched off so that the route alone is measured.
 */
@SpringBootApplication
public class StockWebfluxGateway {

	public static void main(String[] args) {
		SpringApplication.run(StockWebfluxGateway.class, args);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.features", havingValue = "false", matchIfMissing = true)
	SecurityWebFilterChain open(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * Spring Security's documented set-up for RFC 9068 access tokens ({@code typ at+jwt},
	 * which Warden's auth-service issues): the decoder's own type check accepts only
	 * {@code JWT}, so it is replaced by a type validator. Everything else is the default.
	 */
	@Bean
	@ConditionalOnProperty(name = "bench.features", havingValue = "true")
	ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
			.validateType(false)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtTypeValidator(List.of("at+jwt"))));
		return decoder;
	}

	@Bean
	@ConditionalOnProperty(name = "bench.features", havingValue = "true")
	SecurityWebFilterChain jwt(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
