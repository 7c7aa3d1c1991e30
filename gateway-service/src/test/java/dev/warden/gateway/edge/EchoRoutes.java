package dev.warden.gateway.edge;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * Test-only routes to the HTTP echo service, standing in for the real route table (which
 * is not part of identity's work): whatever the edge lets through arrives there.
 */
@TestConfiguration(proxyBeanMethods = false)
class EchoRoutes {

	@Bean
	RouterFunction<ServerResponse> echoRoute(Environment environment) {
		String echo = environment.getRequiredProperty("test.echo-upstream");
		return route("test-echo")
			.route(RequestPredicates.path("/api/v1/echo/**")
				.or(RequestPredicates.path("/api/v1/ai/**"))
				.or(RequestPredicates.path("/api/v1/auth/**"))
				.or(RequestPredicates.path("/v1/**")), http())
			.before(uri(echo))
			.build();
	}

}
