package dev.warden.contracts.identity;

/**
 * An event about a user or an API key. The envelope's subject is the user's id.
 */
public sealed interface IdentityEvent permits UserRegistered, UserRoleChanged, UserTierChanged, UserBlocked,
		UserUnblocked, ApiKeyCreated, ApiKeyRevoked {

	/** The current version of every identity event's schema. */
	int VERSION = 1;

	/**
	 * Returns the user the event is about.
	 * @return the user's id
	 */
	String userId();

	/**
	 * Returns the envelope type of this event.
	 * @return for example {@code identity.user-registered}
	 */
	String type();

}
