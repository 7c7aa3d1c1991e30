package dev.warden.auth.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The passwords of seed 000's demo users, which only the local profile creates
 * ({@code warden.auth.demo.*}). {@code ./warden up} makes them up and prints them.
 *
 * @param adminPassword the password of {@code superuser}, or none for API-key use only
 * @param memberPassword the password of {@code johndoe}, or none for API-key use only
 */
@ConfigurationProperties("warden.auth.demo")
public record DemoProperties(@Nullable String adminPassword, @Nullable String memberPassword) {
}
