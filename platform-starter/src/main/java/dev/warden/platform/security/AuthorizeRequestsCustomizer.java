package dev.warden.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Lets a service add request rules that come before the platform's catch-all rule
 * ("everything else needs an authenticated caller").
 */
@FunctionalInterface
public interface AuthorizeRequestsCustomizer {

	/**
	 * Adds rules.
	 * @param registry the rules so far
	 */
	void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry);

}
