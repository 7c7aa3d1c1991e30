package dev.warden.gateway.hygiene;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call Warden ({@code warden.gateway.cors.*}). Nothing is
 * allowed until origins are listed. {@code *} is refused together with credentials: a
 * gateway that starts with that configuration would let any web site act with a user's
 * cookies, so it does not start.
 *
 * @param allowedOrigins exact origins, for example {@code https://console.example.com}
 * @param allowedMethods the methods a browser may use
 * @param allowedHeaders the request headers a browser may send
 * @param exposedHeaders the response headers a browser's script may read
 * @param allowCredentials whether browsers may send cookies and HTTP authentication
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("warden.gateway.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
		"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
		@DefaultValue({ "Authorization", "Content-Type", "Accept", "X-API-Key", "X-Request-Id", "traceparent",
				"tracestate" }) List<String> allowedHeaders,
		@DefaultValue({ "X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
				"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset" }) List<String> exposedHeaders,
		@DefaultValue("false") boolean allowCredentials, @DefaultValue("30m") Duration maxAge){

	CorsProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
		for (String origin : allowedOrigins) {
			if (origin.equals("*")) {
				if (allowCredentials) {
					throw new IllegalArgumentException(
							"warden.gateway.cors: '*' cannot be an allowed origin when allow-credentials is true");
				}
				continue;
			}
			if (origin.contains("*")) {
				throw new IllegalArgumentException("warden.gateway.cors: origins are exact, no wildcards: " + origin);
			}
			URI uri = URI.create(origin);
			if (uri.getScheme() == null || uri.getHost() == null
					|| (uri.getPath() != null && !uri.getPath().isEmpty())) {
				throw new IllegalArgumentException(
						"warden.gateway.cors: an origin is scheme://host[:port], nothing more: " + origin);
			}
		}
	}

}
