package dev.warden.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Lets a service add rules to the platform's filter chain, for example to accept a token
 * in a WebSocket handshake, before the platform's own rules apply.
 */
@FunctionalInterface
public interface HttpSecurityCustomizer {

	/**
	 * Customizes the chain.
	 * @param http the chain's builder
	 * @throws Exception as thrown by the builder
	 */
	void customize(HttpSecurity http) throws Exception;

}
