package dev.warden.benchscg.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
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

	@Bean
	@ConditionalOnProperty(name = "bench.features", havingValue = "true")
	SecurityWebFilterChain jwt(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
