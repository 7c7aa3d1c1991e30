package dev.warden.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits requests once Spring Security has authenticated and authorized them: a user's
 * requests by the tier in their token, anonymous sign-in requests by client address.
 * Other anonymous requests (health, key sets, documentation) are not limited here.
 * <p>
 * Answers carry {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} (seconds) and {@code RateLimit-Policy}
 * ({@code <limit>;w=<seconds>}); a refusal is a 429 problem with {@code Retry-After}.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private final RedisRateLimiter limiter;

	private final RateLimitProperties properties;

	private final Problems problems;

	private final MeterRegistry meters;

	private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

	RateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties, Problems problems, MeterRegistry meters) {
		this.limiter = limiter;
		this.properties = properties;
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Bucket bucket = bucketOf(request);
		if (bucket == null) {
			chain.doFilter(request, response);
			return;
		}
		Decision decision;
		try {
			decision = this.limiter.acquire(bucket.key(), bucket.limit());
		}
		catch (RuntimeException ex) {
			if (this.properties.failOpen().contains(bucket.requestClass())) {
				log.warn("Rate limit not checked (Redis: {}); {} requests are let through", ex.toString(),
						bucket.requestClass().key());
				count(bucket, "unchecked");
				chain.doFilter(request, response);
				return;
			}
			log.warn("Rate limit not checked (Redis: {}); {} requests are refused", ex.toString(),
					bucket.requestClass().key());
			count(bucket, "unavailable");
			this.problems.write(this.problems.create(ProblemTypes.SERVICE_UNAVAILABLE,
					"Request limits cannot be checked right now.", request), response, Duration.ofSeconds(5));
			return;
		}
		headers(response, decision, bucket.limit());
		if (!decision.allowed()) {
			count(bucket, "refused");
			this.problems.write(
					this.problems.create(ProblemTypes.TOO_MANY_REQUESTS,
							"Rate limit of " + bucket.limit().limit() + " " + bucket.requestClass().key()
									+ " requests per " + seconds(bucket.limit().period()) + " s reached.",
							request),
					response, roundUp(decision.retryAfter()));
			return;
		}
		count(bucket, "admitted");
		chain.doFilter(request, response);
	}

	private @Nullable Bucket bucketOf(HttpServletRequest request) {
		if (!this.properties.enabled()) {
			return null;
		}
		RequestClass requestClass = RequestClass
			.of(request.getRequestURI().substring(request.getContextPath().length()));
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			String tier = this.properties.tierOf(token.getToken().getClaimAsString("tier"));
			RateLimitProperties.Limit limit = this.properties.limitOf(tier, requestClass);
			if (limit == null) {
				return null; // unlimited for this tier
			}
			return new Bucket(
					this.properties.keyPrefix() + "user:" + token.getToken().getSubject() + ":" + requestClass.key(),
					limit, requestClass, tier);
		}
		if (requestClass == RequestClass.AUTH) {
			// The address Tomcat's RemoteIpValve settled on, following
			// warden.gateway.trusted-proxies: the same as the access log's and the
			// X-Forwarded-For the services get. One answer to "who is the client"
			// at the edge, not a second reading of the header that could disagree.
			return new Bucket(this.properties.keyPrefix() + "ip:" + request.getRemoteAddr() + ":auth",
					this.properties.anonymousAuth(), requestClass, "anonymous");
		}
		return null;
	}

	private static void headers(HttpServletResponse response, Decision decision, RateLimitProperties.Limit limit) {
		response.setHeader("RateLimit-Limit", String.valueOf(decision.limit()));
		response.setHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
		response.setHeader("RateLimit-Reset", String.valueOf(roundUp(decision.reset()).toSeconds()));
		response.setHeader("RateLimit-Policy", limit.limit() + ";w=" + seconds(limit.period()));
	}

	private void count(Bucket bucket, String outcome) {
		// Looked up once per class, tier and outcome: registering on every request builds
		// and sorts the tags each time (docs/benchmarks.md, the gateway section).
		this.counters
			.computeIfAbsent(new CounterKey(bucket.requestClass().key(), bucket.tier(), outcome),
					(key) -> Counter.builder("warden.gateway.rate-limit.requests")
						.description("Requests checked against a rate limit, by outcome")
						.tag("class", key.requestClass())
						.tag("tier", key.tier())
						.tag("outcome", key.outcome())
						.register(this.meters))
			.increment();
	}

	private static long seconds(Duration period) {
		return Math.max(1, period.toSeconds());
	}

	private static Duration roundUp(Duration duration) {
		long seconds = duration.toSeconds() + ((duration.toNanosPart() > 0) ? 1 : 0);
		return Duration.ofSeconds(Math.max(seconds, 0));
	}

	private record CounterKey(String requestClass, String tier, String outcome) {
	}

	private record Bucket(String key, RateLimitProperties.Limit limit, RequestClass requestClass, String tier) {
	}

}
