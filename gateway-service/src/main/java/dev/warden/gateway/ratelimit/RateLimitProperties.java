package dev.warden.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code warden.gateway.rate-limits.*}). The defaults are seed 004's table.
 *
 * @param enabled whether requests are limited at all
 * @param tiers per tier ({@code free}, {@code pro}, {@code team}, {@code enterprise}; any
 * case), the limit of each request class; a class without a limit is unlimited
 * @param anonymousAuth the limit per client address on sign-in endpoints called without a
 * token
 * @param failOpen request classes let through when Redis cannot be asked; the rest are
 * refused with 503
 * @param keyPrefix prefix of the limiter keys in Redis
 */
@ConfigurationProperties("warden.gateway.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue Map<String, Map<RequestClass, Limit>> tiers, @Nullable Limit anonymousAuth,
		@DefaultValue Set<RequestClass> failOpen, @DefaultValue("warden:rl:") String keyPrefix) {

	/** Seed 004's authentication limit of the Free tier, per client address. */
	static final Limit DEFAULT_ANONYMOUS_AUTH = new Limit(10, Duration.ofMinutes(1));

	public RateLimitProperties {
		// Not @DefaultValue({"10", "1m"}): Boot cannot convert several strings into a
		// record, and the start would fail whenever the setting is left out.
		anonymousAuth = (anonymousAuth != null) ? anonymousAuth : DEFAULT_ANONYMOUS_AUTH;
		// Tiers are looked up in lower case. application.yml writes them so because
		// Spring Boot reads WARDEN_GATEWAY_RATELIMITS_TIERS_ENTERPRISE_... as the key
		// "enterprise": written "ENTERPRISE" in the file, a variable would add a second
		// tier instead of overriding it.
		Map<String, Map<RequestClass, Limit>> normalized = new java.util.LinkedHashMap<>();
		tiers.forEach((name, limits) -> normalized.merge(name.toLowerCase(java.util.Locale.ROOT), limits,
				(first, second) -> first));
		tiers = Map.copyOf(normalized);
	}

	/** The tier of tokens without a known {@code tier} claim. */
	static final String DEFAULT_TIER = "free";

	/**
	 * Returns the limit of a class for a tier.
	 * @param tier the tier claim, in any case, or {@code null}
	 * @param requestClass the class
	 * @return the limit, or {@code null} for unlimited
	 */
	@Nullable Limit limitOf(@Nullable String tier, RequestClass requestClass) {
		Map<RequestClass, Limit> limits = this.tiers.get(tierOf(tier));
		return (limits != null) ? limits.get(requestClass) : null;
	}

	/**
	 * Returns the tier a claim stands for: a configured tier, or Free.
	 * @param tier the claim, in any case
	 * @return the tier's name, in lower case
	 */
	String tierOf(@Nullable String tier) {
		String name = (tier != null) ? tier.strip().toLowerCase(java.util.Locale.ROOT) : DEFAULT_TIER;
		return this.tiers.containsKey(name) ? name : DEFAULT_TIER;
	}

	/**
	 * A number of requests per period.
	 *
	 * @param limit how many requests
	 * @param period in how long
	 */
	public record Limit(int limit, Duration period) {

		public Limit {
			if (limit < 1) {
				throw new IllegalArgumentException("A rate limit admits at least one request; leave it out for none");
			}
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("A rate limit's period must be positive");
			}
		}

	}

}
