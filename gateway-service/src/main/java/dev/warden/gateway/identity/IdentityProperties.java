package dev.warden.gateway.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity at the edge ({@code warden.gateway.identity.*}).
 *
 * @param jwks how auth-service's signing keys are fetched and cached
 * @param apiKeys how API keys are exchanged and cached
 * @param blockedUserMemory how long a block is remembered for tokens issued before it: at
 * least the longest access-token lifetime auth-service issues (15 minutes)
 * @param verifiedTokens how access tokens already verified are remembered
 */
@ConfigurationProperties("warden.gateway.identity")
public record IdentityProperties(@DefaultValue Jwks jwks, @DefaultValue ApiKeys apiKeys,
		@DefaultValue("20m") Duration blockedUserMemory, @DefaultValue VerifiedTokens verifiedTokens) {

	/**
	 * @param maxAge how long a verified token is remembered at most (never past its
	 * expiry). A remembered token whose signing key has left the key set is refused from
	 * the next key-set fetch on, whatever its age. {@code 0s} turns the cache off: every
	 * token is verified every time
	 * @param cacheSize how many verified tokens are remembered at most
	 */
	public record VerifiedTokens(@DefaultValue("60s") Duration maxAge, @DefaultValue("10000") long cacheSize) {
	}

	/**
	 * @param cacheTtl how long a fetched key set is used before it is fetched again
	 * @param minRefreshInterval the rate limit on fetches: at most two in any such
	 * interval, whatever unknown {@code kid}s clients send
	 * @param connectTimeout time limit for connecting to the JWKS endpoint
	 * @param readTimeout time limit for reading the key set
	 */
	public record Jwks(@DefaultValue("5m") Duration cacheTtl, @DefaultValue("30s") Duration minRefreshInterval,
			@DefaultValue("2s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {
	}

	/**
	 * @param cacheTtl how long an exchanged key is reused; never more than half the
	 * exchanged token's remaining lifetime
	 * @param cacheSize how many keys are cached at most
	 * @param timeout time limit of one exchange call to auth-service
	 * @param failureRateThreshold percentage of failed exchanges that opens the breaker
	 * @param openFor how long the breaker stays open before it tries again
	 * @param negativeTtl how long a key auth-service refused (unknown, revoked, invalid)
	 * is refused without asking again; {@code 0s} asks every time. Failures to ask are
	 * never remembered
	 * @param negativeCacheSize how many refused keys are remembered at most
	 */
	public record ApiKeys(@DefaultValue("60s") Duration cacheTtl, @DefaultValue("10000") int cacheSize,
			@DefaultValue("3s") Duration timeout, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("10s") Duration openFor, @DefaultValue("10s") Duration negativeTtl,
			@DefaultValue("10000") int negativeCacheSize) {
	}

}
