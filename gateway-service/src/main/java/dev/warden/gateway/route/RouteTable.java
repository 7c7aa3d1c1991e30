package dev.warden.gateway.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.warden.gateway.upstream.Upstreams;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Every public path of Warden and where it goes: the authority is
 * {@code shared/design/api-map.md}; {@code docs/gateway.md} shows the same table. A path
 * that is not here is answered with 404 by the gateway itself and never reaches a
 * service, in particular {@code /internal/**} and the services' {@code /actuator/**}.
 */
final class RouteTable {

	private static final Set<HttpMethod> ANY = Set.of();

	private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);

	private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	/** The services whose OpenAPI documents {@code /docs} shows. */
	static final List<String> DOCUMENTED_SERVICES = List.of("auth", "command", "rules", "audit", "llm-proxy",
			"terminal");

	/** Where the gateway publishes each service's OpenAPI document. */
	static final String API_DOCS_PREFIX = "/docs/api/";

	private RouteTable() {
	}

	static List<GatewayRoute> routes(Upstreams upstreams) {
		Builder routes = new Builder();
		URI auth = upstreams.auth();
		routes.add("auth", "auth", auth, ANY, null, "/api/v1/auth/**");
		routes.add("users", "auth", auth, ANY, null, "/api/v1/users/**");
		routes.add("api-keys", "auth", auth, ANY, null, "/api/v1/api-keys/**");
		routes.add("well-known", "auth", auth, GET, null, "/.well-known/jwks.json",
				"/.well-known/openid-configuration");
		routes.add("alias-register", "auth", auth, ANY, exact("/register", "/api/v1/auth/register"), "/register");
		routes.add("alias-token", "auth", auth, ANY, exact("/token", "/api/v1/auth/token"), "/token");
		routes.add("alias-users", "auth", auth, POST, exact("/users", "/api/v1/users"), "/users");
		routes.add("alias-auth", "auth", auth, ANY, new PathRewrite("/api/auth/", "/api/v1/auth/"),
				"/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/me", "/api/auth/logout");

		URI command = upstreams.command();
		routes.add("commands", "command", command, ANY, null, "/api/v1/commands/**");
		routes.add("approvals", "command", command, ANY, null, "/api/v1/approvals/**");
		routes.add("credits", "command", command, ANY, null, "/api/v1/credits/**");
		routes.add("dispatch", "command", command, ANY, null, "/api/v1/dispatch/**");
		// Not in the API map's table, but command-service serves it: the connected
		// agents.
		routes.add("agents", "command", command, ANY, null, "/api/v1/agents/**");
		routes.add("alias-commands-execute", "command", command, POST, exact("/commands/execute", "/api/v1/commands"),
				"/commands/execute");
		routes.add("alias-send-command", "command", command, POST,
				new PathRewrite("/send-command/", "/api/v1/dispatch/"), "/send-command/{userId}");
		routes.add("alias-broadcast-command", "command", command, POST,
				exact("/broadcast-command", "/api/v1/dispatch/broadcast"), "/broadcast-command");

		URI rules = upstreams.rules();
		routes.add("rules", "rules", rules, ANY, null, "/api/v1/rules/**");
		routes.add("alias-rules", "rules", rules, ANY, exact("/rules", "/api/v1/rules"), "/rules");

		URI audit = upstreams.audit();
		routes.add("audit-logs", "audit", audit, ANY, null, "/api/v1/audit-logs/**");
		routes.add("alias-audit-logs", "audit", audit, GET, exact("/audit-logs", "/api/v1/audit-logs"), "/audit-logs");

		URI llm = upstreams.llmProxy();
		routes.add("openai", "llm-proxy", llm, ANY, null, "/v1/**");
		routes.add("llm", "llm-proxy", llm, ANY, null, "/api/v1/ai/**", "/api/v1/llm/**", "/api/v1/admin/llm/**");
		routes.add("alias-chat-completions", "llm-proxy", llm, ANY,
				exact("/api/v1/chat/completions", "/v1/chat/completions"), "/api/v1/chat/completions");
		routes.add("alias-ai", "llm-proxy", llm, ANY, new PathRewrite("/api/ai", "/api/v1/ai"), "/api/ai/**");

		URI terminal = upstreams.terminal();
		routes.add("terminal", "terminal", terminal, ANY, null, "/api/v1/sessions/**", "/api/v1/ssh/**",
				"/api/v1/sync/**");
		routes.add("alias-sessions", "terminal", terminal, ANY, new PathRewrite("/api/sessions", "/api/v1/sessions"),
				"/api/sessions/**");
		routes.add("alias-ssh", "terminal", terminal, ANY, new PathRewrite("/api/ssh", "/api/v1/ssh"), "/api/ssh/**");

		// Each service's OpenAPI document, for the one API page at /docs.
		for (String service : DOCUMENTED_SERVICES) {
			String path = API_DOCS_PREFIX + service;
			routes.add("docs-" + service, service, upstreamOf(upstreams, service), GET, exact(path, "/v3/api-docs"),
					path);
		}
		return routes.build();
	}

	static URI upstreamOf(Upstreams upstreams, String service) {
		return switch (service) {
			case "auth" -> upstreams.auth();
			case "command" -> upstreams.command();
			case "rules" -> upstreams.rules();
			case "audit" -> upstreams.audit();
			case "llm-proxy" -> upstreams.llmProxy();
			case "terminal" -> upstreams.terminal();
			default -> throw new IllegalArgumentException("No service " + service);
		};
	}

	private static PathRewrite exact(String from, String to) {
		return new PathRewrite(from, to);
	}

	private static final class Builder {

		private final List<GatewayRoute> routes = new ArrayList<>();

		void add(String id, String service, URI upstream, Set<HttpMethod> methods, @Nullable PathRewrite rewrite,
				String... patterns) {
			if (this.routes.stream().anyMatch((route) -> route.id().equals(id))) {
				throw new IllegalStateException("Two routes with the id " + id);
			}
			this.routes.add(new GatewayRoute(id, service, upstream, List.of(patterns), methods, rewrite));
		}

		List<GatewayRoute> build() {
			return List.copyOf(this.routes);
		}

	}

}
