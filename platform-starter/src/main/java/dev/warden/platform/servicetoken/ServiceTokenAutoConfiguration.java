package dev.warden.platform.servicetoken;

import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Service tokens for Feign calls to {@code /internal/**}, when a token endpoint is
 * configured.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceTokenProperties.class)
@ConditionalOnProperty("warden.service-token.token-uri")
public class ServiceTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceTokenProvider serviceTokenProvider(ServiceTokenProperties properties) {
		String clientId = Objects.requireNonNull(properties.clientId(), "warden.service-token.client-id is required");
		ClientRegistration registration = ClientRegistration.withRegistrationId(ServiceTokenProvider.REGISTRATION_ID)
			.clientId(clientId)
			.clientSecret(
					Objects.requireNonNull(properties.clientSecret(), "warden.service-token.client-secret is required"))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(Objects.requireNonNull(properties.tokenUri()).toString())
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.clockSkew(properties.refreshBefore()))
			.build());
		return new ServiceTokenProvider(manager, clientId);
	}

	@Bean
	ServiceTokenRequestInterceptor serviceTokenRequestInterceptor(ServiceTokenProvider tokens) {
		return new ServiceTokenRequestInterceptor(tokens);
	}

}
