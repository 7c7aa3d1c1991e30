package dev.warden.platform.servicetoken;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's client credentials at auth-service ({@code warden.service-token.*}). The
 * secret comes from the environment ({@code WARDEN_SERVICE_TOKEN_CLIENT_SECRET}), never
 * from a file in the repository.
 *
 * @param tokenUri auth-service's token endpoint; service tokens are off when it is not
 * set
 * @param clientId this service's client id
 * @param clientSecret this service's client secret
 * @param refreshBefore how long before expiry a cached token is replaced
 */
@ConfigurationProperties("warden.service-token")
public record ServiceTokenProperties(@Nullable URI tokenUri, @Nullable String clientId, @Nullable String clientSecret,
		@DefaultValue("60s") Duration refreshBefore) {
}
