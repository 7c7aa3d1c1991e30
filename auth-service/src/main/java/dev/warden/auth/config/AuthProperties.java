package dev.warden.auth.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service's settings ({@code warden.auth.*}). The two keys are secrets and come from
 * the environment only: {@code WARDEN_AUTH_TOKEN_HASH_KEY} and
 * {@code WARDEN_AUTH_KEY_ENCRYPTION_KEY}.
 *
 * @param issuer the {@code iss} of every token this service signs
 * @param audience the {@code aud} of every token this service signs
 * @param tokenHashKey the key of the HMAC under which refresh tokens and API keys are
 * stored (base64, at least 32 bytes)
 * @param keyEncryptionKey the AES-256 key that encrypts signing keys at rest (base64, 32
 * bytes)
 * @param accessTokenLifetime how long an access token is valid
 * @param serviceTokenLifetime how long a service's client-credentials token is valid
 * @param apiKeyTokenLifetime how long the token the gateway gets for an API key is valid
 * @param refreshTokenLifetime how long a refresh token is valid (seed 002: 60 days)
 * @param refreshReuseGrace how long after a rotation the old refresh token may still be
 * used, so that two concurrent refreshes of one session do not log it out
 * @param signingKeyRotation how often a new signing key replaces the current one
 * @param acceptUnformattedApiKeys whether API keys that are not in Warden's format (seed
 * 000's demo keys) are accepted; true only in the local profile
 * @param serviceClients the services allowed to use the client-credentials grant
 * @param login limits on failed logins
 */
@Validated
@ConfigurationProperties("warden.auth")
public record AuthProperties(@NotBlank @DefaultValue("urn:warden:auth") String issuer,
		@NotBlank @DefaultValue("warden") String audience, @NotBlank String tokenHashKey,
		@NotBlank String keyEncryptionKey, @DefaultValue("15m") Duration accessTokenLifetime,
		@DefaultValue("10m") Duration serviceTokenLifetime, @DefaultValue("5m") Duration apiKeyTokenLifetime,
		@DefaultValue("60d") Duration refreshTokenLifetime, @DefaultValue("10s") Duration refreshReuseGrace,
		@DefaultValue("30d") Duration signingKeyRotation, @DefaultValue("false") boolean acceptUnformattedApiKeys,
		@Valid @DefaultValue List<ServiceClient> serviceClients, @Valid @NotNull @DefaultValue Login login) {

	/**
	 * A service that may obtain service tokens.
	 *
	 * @param id its client id (the service's name)
	 * @param secret its client secret, from the environment
	 */
	public record ServiceClient(@NotBlank String id, @NotBlank @Size(min = 16) String secret) {
	}

	/**
	 * Limits on failed logins, counted in Redis so they hold across replicas.
	 *
	 * @param maxFailuresPerAccount failures of one account before it is locked for the
	 * window
	 * @param maxAttemptsPerAddress login attempts from one address per window
	 * @param window the window both limits count in
	 */
	public record Login(@DefaultValue("5") int maxFailuresPerAccount, @DefaultValue("30") int maxAttemptsPerAddress,
			@DefaultValue("15m") Duration window) {
	}

}
