package dev.warden.auth.token;

import dev.warden.platform.security.SecurityProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties) {
		return OwnKeysJwtDecoder.create(keys, properties);
	}

}
