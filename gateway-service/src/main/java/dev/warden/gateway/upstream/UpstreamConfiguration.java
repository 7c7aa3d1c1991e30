package dev.warden.gateway.upstream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link Upstreams}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Upstreams.class)
class UpstreamConfiguration {

}
