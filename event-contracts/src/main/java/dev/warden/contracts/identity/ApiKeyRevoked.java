package dev.warden.contracts.identity;

/**
 * An API key was revoked: caches that hold it must drop it.
 *
 * @param userId the user's id
 * @param keyId the key's id (never its secret)
 */
public record ApiKeyRevoked(String userId, String keyId) implements IdentityEvent {

	/** The envelope type of this event. */
	public static final String TYPE = "identity.api-key-revoked";

	@Override
	public String type() {
		return TYPE;
	}

}
