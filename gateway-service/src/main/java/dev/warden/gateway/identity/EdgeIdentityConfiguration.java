package dev.warden.gateway.identity;

import java.time.Clock;

import dev.warden.gateway.upstream.Upstreams;
import dev.warden.platform.problem.Problems;
import dev.warden.platform.security.AccessTokenValidation;
import dev.warden.platform.security.SecurityProperties;
import dev.warden.platform.servicetoken.ServiceTokenProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.redisson.api.RedissonClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Wires identity at the edge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class EdgeIdentityConfiguration {

	/**
	 * Replaces the platform's decoder (which is {@code @ConditionalOnMissingBean}) with
	 * one whose JWKS cache and refresh rate are set explicitly, and which also refuses
	 * tokens of blocked users. The platform's validator (RFC 9068 type, issuer, audience,
	 * times, client id) is kept as it is. Verified tokens are remembered for a short
	 * while ({@link VerifiedTokenCache}), as long as their signing key is still in the
	 * key set last fetched ({@link PublishedKeyIds}).
	 */
	@Bean
	JwtDecoder jwtDecoder(SecurityProperties security, IdentityProperties identity, BlockedUsers blocked) {
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				AccessTokenValidation.validator(security), new BlockedUserValidator(blocked));
		PublishedKeyIds published = new PublishedKeyIds();
		JwtDecoder verifier = EdgeJwtDecoders.create(security.jwksUri(), identity.jwks(), validator, published);
		IdentityProperties.VerifiedTokens cache = identity.verifiedTokens();
		if (cache.maxAge().isZero() || cache.cacheSize() <= 0) {
			return verifier;
		}
		// A token seen again is not verified again; its checks still run every time.
		return new VerifiedTokenCache(verifier, validator, published, cache.maxAge(), cache.cacheSize(),
				Clock.systemUTC());
	}

	@Bean
	BlockedUsers blockedUsers(IdentityProperties identity, ObjectProvider<RedissonClient> redisson) {
		return new BlockedUsers(identity.blockedUserMemory(), redisson.getIfAvailable());
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadBlockedUsers(ApplicationReadyEvent event) {
		event.getApplicationContext().getBean(BlockedUsers.class).loadShared();
	}

	@Bean
	AuthServiceKeyClient authServiceKeyClient(Upstreams upstreams, ObjectProvider<ServiceTokenProvider> serviceTokens,
			IdentityProperties identity, MeterRegistry meters) {
		AuthServiceKeyClient client = new AuthServiceKeyClient(upstreams.auth(), serviceTokens.getIfAvailable(),
				identity.apiKeys());
		Gauge
			.builder("warden.gateway.api-keys.breaker.open", client.breaker(),
					(breaker) -> (breaker.getState() == CircuitBreaker.State.OPEN) ? 1 : 0)
			.description("1 while API-key exchanges at auth-service are suspended by the circuit breaker")
			.register(meters);
		return client;
	}

	@Bean
	ApiKeyExchange apiKeyExchange(AuthServiceKeyClient client, IdentityProperties identity, MeterRegistry meters) {
		return new ApiKeyExchange(client, identity.apiKeys(), meters);
	}

	@Bean
	FilterRegistrationBean<EdgeIdentityFilter> edgeIdentityFilter(ApiKeyExchange keys, Problems problems) {
		FilterRegistrationBean<EdgeIdentityFilter> registration = new FilterRegistrationBean<>(
				new EdgeIdentityFilter(keys, problems));
		registration.setOrder(EdgeIdentityFilter.ORDER);
		registration.setName("edgeIdentityFilter");
		return registration;
	}

	@Bean
	IdentityEventsListener identityEventsListener(ApiKeyExchange keys, BlockedUsers blocked, JsonMapper json) {
		return new IdentityEventsListener(keys, blocked, json);
	}

}
