package dev.warden.platform.servicetoken;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Hands out this service's access token for calls to other services. Spring Security's
 * authorized-client manager caches the token and fetches a new one once the cached one is
 * within the configured margin of its expiry.
 */
public final class ServiceTokenProvider {

	/** The registration id of the service's own client at auth-service. */
	static final String REGISTRATION_ID = "warden-service";

	private final OAuth2AuthorizedClientManager clients;

	private final String clientId;

	ServiceTokenProvider(OAuth2AuthorizedClientManager clients, String clientId) {
		this.clients = clients;
		this.clientId = clientId;
	}

	/**
	 * Returns a valid access token.
	 * @return the token
	 * @throws ProblemException (503) if auth-service does not issue one
	 */
	public String token() {
		OAuth2AuthorizedClient client;
		try {
			client = this.clients.authorize(
					OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID).principal(this.clientId).build());
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE,
					"This service could not obtain a service token.", ex);
		}
		if (client == null) {
			throw ProblemException.unavailable("This service could not obtain a service token.");
		}
		return client.getAccessToken().getTokenValue();
	}

}
