package dev.warden.gateway.route;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;

/**
 * Circuit breaker, time limit and retries of the routes
 * ({@code warden.gateway.resilience}). {@code defaults} applies to every route;
 * {@code routes.<route id or service name>} overrides single values, the route id winning
 * over the service name, for example
 * {@code warden.gateway.resilience.routes.llm-proxy.timeout=120s}.
 *
 * @param defaults the settings of every route
 * @param routes overrides by route id or service name
 */
@ConfigurationProperties("warden.gateway.resilience")
record ResilienceProperties(@DefaultValue Settings defaults, Map<String, Overrides> routes) {

	ResilienceProperties {
		routes = (routes != null) ? Map.copyOf(routes) : Map.of();
	}

	/**
	 * The settings that apply to one route.
	 * @param route the route
	 * @return the defaults with the service's and then the route's overrides applied
	 */
	Settings forRoute(GatewayRoute route) {
		Settings settings = this.defaults;
		Overrides service = this.routes.get(route.service());
		if (service != null) {
			settings = service.applyTo(settings);
		}
		Overrides own = this.routes.get(route.id());
		if (own != null) {
			settings = own.applyTo(settings);
		}
		return settings;
	}

	/** The methods a retry may repeat: idempotent and without a body to replay. */
	static final Set<HttpMethod> RETRYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.DELETE);

	/**
	 * The resilience of one route.
	 *
	 * @param timeout how long the service may take to answer with its status and headers;
	 * a streamed body (server-sent events) may take longer, see docs/gateway.md
	 * @param failureRateThreshold the percentage of failed calls that opens the breaker
	 * @param slidingWindowSize how many recent calls the failure rate is computed over
	 * @param minimumNumberOfCalls how many calls the breaker needs before it judges
	 * @param waitInOpenState how long an open breaker refuses calls before it tries again
	 * @param permittedCallsInHalfOpenState how many trial calls a half-open breaker lets
	 * through
	 * @param retries how many times an idempotent call is repeated after a connection
	 * failure or a 503
	 * @param retryBackoff the pause before the first retry, doubled for each further one
	 * @param retryMethods the methods that may be repeated
	 */
	record Settings(@DefaultValue("10s") Duration timeout, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
			@DefaultValue("30s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState,
			@DefaultValue("2") int retries, @DefaultValue("100ms") Duration retryBackoff, @DefaultValue( {
					"GET", "HEAD", "OPTIONS" }) Set<HttpMethod> retryMethods){

		Settings {
			retryMethods = Set.copyOf(retryMethods);
			if (!RETRYABLE.containsAll(retryMethods)) {
				// A repeated POST can run a command or charge credits twice; a PUT is
				// idempotent but its body was streamed to the first attempt and is gone.
				throw new IllegalArgumentException("Only " + RETRYABLE + " can be retried, not " + retryMethods);
			}
		}

	}

	/**
	 * Overrides for one route or service; unset values keep the defaults.
	 *
	 * @param timeout see {@link Settings#timeout()}
	 * @param failureRateThreshold see {@link Settings#failureRateThreshold()}
	 * @param slidingWindowSize see {@link Settings#slidingWindowSize()}
	 * @param minimumNumberOfCalls see {@link Settings#minimumNumberOfCalls()}
	 * @param waitInOpenState see {@link Settings#waitInOpenState()}
	 * @param permittedCallsInHalfOpenState see
	 * {@link Settings#permittedCallsInHalfOpenState()}
	 * @param retries see {@link Settings#retries()}
	 * @param retryBackoff see {@link Settings#retryBackoff()}
	 * @param retryMethods see {@link Settings#retryMethods()}
	 */
	record Overrides(@Nullable Duration timeout, @Nullable Float failureRateThreshold,
			@Nullable Integer slidingWindowSize, @Nullable Integer minimumNumberOfCalls,
			@Nullable Duration waitInOpenState, @Nullable Integer permittedCallsInHalfOpenState,
			@Nullable Integer retries, @Nullable Duration retryBackoff, @Nullable Set<HttpMethod> retryMethods) {

		Settings applyTo(Settings base) {
			return new Settings(or(this.timeout, base.timeout()),
					or(this.failureRateThreshold, base.failureRateThreshold()),
					or(this.slidingWindowSize, base.slidingWindowSize()),
					or(this.minimumNumberOfCalls, base.minimumNumberOfCalls()),
					or(this.waitInOpenState, base.waitInOpenState()),
					or(this.permittedCallsInHalfOpenState, base.permittedCallsInHalfOpenState()),
					or(this.retries, base.retries()), or(this.retryBackoff, base.retryBackoff()),
					or(this.retryMethods, base.retryMethods()));
		}

		private static <T> T or(@Nullable T value, T fallback) {
			return (value != null) ? value : fallback;
		}

	}

}
