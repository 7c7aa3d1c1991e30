package dev.warden.auth.client;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.warden.auth.config.AuthProperties;
import dev.warden.platform.Digests;

import org.springframework.stereotype.Component;

/**
 * The Warden services allowed to use the client-credentials grant, from configuration
 * ({@code warden.auth.service-clients[n].id} and {@code .secret}, the secret from the
 * environment). Secrets are compared by digest in constant time.
 */
@Component
public class ServiceClients {

	private final Map<String, byte[]> secretDigests = new LinkedHashMap<>();

	ServiceClients(AuthProperties properties) {
		for (AuthProperties.ServiceClient client : properties.serviceClients()) {
			this.secretDigests.put(client.id(), Digests.sha256(client.secret()));
		}
	}

	/**
	 * Checks a service's credentials.
	 * @param clientId the client id
	 * @param secret the secret it presented
	 * @return the client id if the credentials are right
	 */
	public Optional<String> authenticate(String clientId, String secret) {
		byte[] expected = this.secretDigests.get(clientId);
		// Compare against something even for an unknown client, so timing does not tell
		// them apart.
		boolean matches = MessageDigest.isEqual(Digests.sha256(secret),
				(expected != null) ? expected : Digests.sha256("unknown client " + clientId));
		return (expected != null && matches) ? Optional.of(clientId) : Optional.empty();
	}

}
