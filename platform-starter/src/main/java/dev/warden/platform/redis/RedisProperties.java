package dev.warden.platform.redis;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Redis is ({@code warden.redis.*}).
 *
 * @param address the server, as {@code redis://host:port} or {@code rediss://host:port}
 * @param password the password, from the environment; none when empty
 * @param database the database number
 * @param connectionPoolSize connections per node
 */
@Validated
@ConfigurationProperties("warden.redis")
public record RedisProperties(@NotBlank @DefaultValue("redis://localhost:6379") String address,
		@Nullable String password, @DefaultValue("0") int database, @DefaultValue("32") int connectionPoolSize) {
}
