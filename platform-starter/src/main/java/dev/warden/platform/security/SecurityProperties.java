package dev.warden.platform.security;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks access tokens ({@code warden.security.*}).
 *
 * @param jwksUri where auth-service publishes its public signing keys
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must contain
 * @param rolesClaim the claim that lists the user's roles
 * @param publicPaths Ant-style paths any caller may reach without a token, in addition to
 * health, Prometheus and the API documentation
 */
@Validated
@ConfigurationProperties("warden.security")
public record SecurityProperties(@NotNull URI jwksUri, @NotBlank @DefaultValue("urn:warden:auth") String issuer,
		@NotBlank @DefaultValue("warden") String audience, @NotBlank @DefaultValue("roles") String rolesClaim,
		@DefaultValue List<String> publicPaths) {
}
