package dev.warden.contracts.identity;

import java.util.List;

/**
 * An API key was created.
 *
 * @param userId the user's id
 * @param keyId the key's id (never its secret)
 * @param scopes what the key may be used for
 */
public record ApiKeyCreated(String userId, String keyId, List<String> scopes) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.api-key-created";

	@Override
	public String type() {
		return TYPE;
	}

}
