package dev.warden.gateway.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.servicetoken.ServiceTokenProvider;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Calls auth-service's {@code POST /internal/v1/api-keys/exchange} with this gateway's
 * service token. The HTTP client's connect and read timeouts are the time limit (the call
 * stays on the request's virtual thread); a Resilience4j circuit breaker stops calling a
 * failing auth-service for a while. Either way the caller gets a 503 problem: an API key
 * that cannot be checked is never let through.
 */
class AuthServiceKeyClient {

	static final String BREAKER = "auth-service-api-keys";

	private final RestClient client;

	private final @Nullable ServiceTokenProvider serviceTokens;

	private final CircuitBreaker breaker;

	AuthServiceKeyClient(URI authService, @Nullable ServiceTokenProvider serviceTokens,
			IdentityProperties.ApiKeys properties) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.timeout());
		this.client = RestClient.builder().baseUrl(authService.toString()).requestFactory(requests).build();
		this.serviceTokens = serviceTokens;
		this.breaker = CircuitBreaker.of(BREAKER,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(properties.failureRateThreshold())
					.minimumNumberOfCalls(10)
					.slidingWindowSize(20)
					.waitDurationInOpenState(properties.openFor())
					// A key auth-service refuses is an answer, not a failure.
					.ignoreExceptions(InvalidKeyException.class)
					.build());
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Exchanges a key.
	 * @param key the key as the client sent it
	 * @return the exchanged key, or empty when auth-service does not know it as a valid
	 * key
	 * @throws ProblemException (503) when auth-service cannot be asked
	 */
	Optional<ExchangedKey> exchange(String key) {
		if (this.serviceTokens == null) {
			throw ProblemException.unavailable("API keys cannot be checked: the gateway has no service token.");
		}
		try {
			return Optional.of(this.breaker.executeSupplier(() -> call(key)));
		}
		catch (InvalidKeyException ex) {
			return Optional.empty();
		}
		catch (CallNotPermittedException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, "API keys cannot be checked right now.", ex);
		}
		catch (ProblemException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, "API keys cannot be checked right now.", ex);
		}
	}

	private ExchangedKey call(String key) {
		Exchanged body;
		try {
			body = this.client.post()
				.uri("/internal/v1/api-keys/exchange")
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.serviceTokens.token())
				.body(new KeyRequest(key))
				.retrieve()
				.body(Exchanged.class);
		}
		catch (HttpClientErrorException ex) {
			// 404: no valid key with this value; 400: not even shaped like one.
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND || ex.getStatusCode() == HttpStatus.BAD_REQUEST) {
				throw new InvalidKeyException();
			}
			throw ex;
		}
		if (body == null || body.accessToken() == null || body.key() == null) {
			throw new IllegalStateException("auth-service answered the exchange without a token");
		}
		return new ExchangedKey(body.accessToken(), Instant.now().plusSeconds(body.expiresIn()), body.key().keyId(),
				body.key().userId());
	}

	/** auth-service does not accept the key. */
	static final class InvalidKeyException extends RuntimeException {

		InvalidKeyException() {
			super("API key refused", null, false, false);
		}

	}

	record KeyRequest(String key) {

		@Override
		public String toString() {
			return "KeyRequest[***]";
		}

	}

	record Exchanged(@Nullable String accessToken, @Nullable String tokenType, long expiresIn,
			@Nullable KeyIdentity key) {

		@Override
		public String toString() {
			return "Exchanged[key=" + this.key + "]";
		}

	}

	record KeyIdentity(String keyId, String userId) {
	}

}
