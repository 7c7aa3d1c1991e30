package dev.warden.command.agent;

/**
 * Who an agent is: a user's agent of a given name. A second connection with the same
 * identity replaces the first.
 *
 * @param userId the user the agent acts for (the token's subject)
 * @param name the agent's name, unique per user
 */
public record AgentId(String userId, String name) {

	/**
	 * Reads a key written by {@link #key()}.
	 * @param key the key
	 * @return the identity
	 */
	static AgentId parse(String key) {
		int slash = key.lastIndexOf('/');
		if (slash <= 0 || slash == key.length() - 1) {
			throw new IllegalArgumentException("Not an agent key");
		}
		return new AgentId(key.substring(0, slash), key.substring(slash + 1));
	}

	/**
	 * Returns the identity as one string; names cannot hold a slash.
	 * @return {@code userId/name}
	 */
	String key() {
		return this.userId + "/" + this.name;
	}

}
