package dev.warden.gateway.route;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's HTTP client towards the services ({@code warden.gateway.client.*}). There
 * is deliberately no read timeout here: Spring's JDK client applies its read timeout to
 * the whole exchange, body included, and would cut a long server-sent event stream from
 * llm-proxy-service. How long a service may take to start answering is the route's time
 * limit ({@code warden.gateway.resilience}).
 *
 * @param connectTimeout how long opening a connection to a service may take
 */
@ConfigurationProperties("warden.gateway.client")
record OutboundClientProperties(@DefaultValue("2s") Duration connectTimeout) {
}
