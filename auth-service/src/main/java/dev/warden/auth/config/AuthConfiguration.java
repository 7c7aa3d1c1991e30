package dev.warden.auth.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AuthProperties.class, DemoProperties.class })
@EnableScheduling
class AuthConfiguration {

}
