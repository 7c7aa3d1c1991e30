package dev.warden.platform.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may carry ({@code warden.http.*}).
 *
 * @param maxBodySize the largest request body a service reads; larger ones get 413
 */
@ConfigurationProperties("warden.http")
public record RequestLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
