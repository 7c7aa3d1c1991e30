package dev.warden.gateway.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.warden.gateway.hygiene.AccessLog;
import dev.warden.gateway.upstream.RoundRobin;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.platform.problem.Problems;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns the {@link RouteTable} into Gateway Server WebMVC routes: each gets the service's
 * address, its path rewrite, the request id and trace headers, its own circuit breaker
 * and time limit, and retries for idempotent calls. Also the gateway's own health and
 * metrics aliases.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class GatewayRoutesConfiguration {

	@Bean
	OutboundHeaders outboundHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new OutboundHeaders(tracer, propagator);
	}

	@Bean(destroyMethod = "close")
	CallTimer gatewayCallTimer() {
		return new CallTimer();
	}

	/**
	 * The routes' breakers live in Spring Cloud CircuitBreaker's Resilience4j registry,
	 * so that they are in the metrics like every other breaker; the calls go through them
	 * directly (ResilienceFilter), without Spring Cloud's time limiter thread.
	 */
	@Bean
	RouterFunction<ServerResponse> gatewayRoutes(Upstreams upstreams, ResilienceProperties resilience,
			Resilience4JCircuitBreakerFactory breakers, Problems problems, CallTimer gatewayCallTimer) {
		CircuitBreakerRegistry registry = breakers.getCircuitBreakerRegistry();
		RouterFunction<ServerResponse> all = healthAliases();
		Map<String, RoundRobin> balancers = new HashMap<>();
		for (GatewayRoute route : RouteTable.routes(upstreams)) {
			RoundRobin balancer = balancers.computeIfAbsent(route.service(),
					(service) -> new RoundRobin(upstreams.all(service)));
			all = all.and(route(route, balancer, resilience.forRoute(route), registry, gatewayCallTimer, problems));
		}
		return all;
	}

	@Bean
	FilterRegistrationBean<UnroutedPathsFilter> unroutedPathsFilter(Problems problems) {
		FilterRegistrationBean<UnroutedPathsFilter> registration = new FilterRegistrationBean<>(
				new UnroutedPathsFilter(problems));
		// Before authentication, so that hidden paths look the same with or without a
		// token.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ClientBodyGuard> clientBodyGuard() {
		FilterRegistrationBean<ClientBodyGuard> registration = new FilterRegistrationBean<>(new ClientBodyGuard());
		// Outside every other filter, so that the request ends (and a read still under
		// way is waited for) only when they are all done.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	private static RouterFunction<ServerResponse> route(GatewayRoute route, RoundRobin balancer,
			ResilienceProperties.Settings settings, CircuitBreakerRegistry breakers, CallTimer timer,
			Problems problems) {
		CircuitBreaker breaker = breakers.circuitBreaker(route.id(), breakerConfig(settings));
		PathRewrite rewrite = route.rewrite();
		return GatewayRouterFunctions.route(route.id())
			.route(predicate(route), HandlerFunctions.http())
			.before((request) -> {
				request.servletRequest().setAttribute(AccessLog.ROUTE_ATTRIBUTE, route.id());
				return request;
			})
			.before((request) -> {
				MvcUtils.setRequestUrl(request, balancer.next());
				return request;
			})
			.before((request) -> (rewrite != null) ? rewritten(request, rewrite) : request)
			.filter(new ResilienceFilter(route, breaker, settings.timeout(), timer, settings.waitInOpenState(),
					problems))
			.filter(new RetryFilter(settings.retries(), settings.retryBackoff(), settings.retryMethods()))
			.build();
	}

	private static RequestPredicate predicate(GatewayRoute route) {
		RequestPredicate paths = route.patterns()
			.stream()
			.map(RequestPredicates::path)
			.reduce(RequestPredicate::or)
			.orElseThrow();
		if (route.methods().isEmpty()) {
			return paths;
		}
		return paths.and(RequestPredicates.methods(route.methods().toArray(HttpMethod[]::new)));
	}

	private static ServerRequest rewritten(ServerRequest request, PathRewrite rewrite) {
		String path = rewrite.apply(request.uri().getRawPath());
		// The query stays as the client sent it: the proxy copies the request's query
		// parameters onto the service's URI.
		return ServerRequest.from(request)
			.uri(UriComponentsBuilder.fromUri(request.uri()).replacePath(path).build(true).toUri())
			.build();
	}

	/**
	 * The seeds' {@code /health}, {@code /health/db}, {@code /health/redis} and
	 * {@code /metrics}: the gateway's own actuator, not a service's.
	 */
	private static RouterFunction<ServerResponse> healthAliases() {
		List<String[]> aliases = List.of(new String[] { "/health", "/actuator/health" },
				new String[] { "/health/db", "/actuator/health/db" },
				new String[] { "/health/redis", "/actuator/health/redis" },
				new String[] { "/metrics", "/actuator/prometheus" });
		RouterFunctions.Builder builder = GatewayRouterFunctions.route("health-aliases");
		for (String[] alias : aliases) {
			builder.route(
					RequestPredicates.path(alias[0]).and(RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)),
					HandlerFunctions.forward(alias[1]));
		}
		return builder.before((request) -> {
			request.servletRequest().setAttribute(AccessLog.ROUTE_ATTRIBUTE, "health-aliases");
			return request;
		}).build();
	}

	private static CircuitBreakerConfig breakerConfig(ResilienceProperties.Settings settings) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.build();
	}

}
