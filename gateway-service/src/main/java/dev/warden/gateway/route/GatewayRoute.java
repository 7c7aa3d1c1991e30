package dev.warden.gateway.route;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One route of the edge: the public paths it answers, the service it reaches and, for an
 * alias, how the path is rewritten on the way.
 *
 * @param id the route id, used in logs, metrics, circuit breaker names and
 * {@code warden.gateway.resilience.routes.<id>}
 * @param service the service's name in {@code warden.gateway.services}
 * @param upstream the service's base URI
 * @param patterns the public path patterns ({@code /api/v1/rules/**})
 * @param methods the methods the route answers; empty for every method
 * @param rewrite how the path changes, or {@code null} to pass it on unchanged
 */
record GatewayRoute(String id, String service, URI upstream, List<String> patterns, Set<HttpMethod> methods,
		@Nullable PathRewrite rewrite) {

	GatewayRoute {
		patterns = List.copyOf(patterns);
		methods = Set.copyOf(methods);
	}

}
