package dev.warden.command.agent;

/**
 * Where an agent's connection is held.
 *
 * @param replica the replica that holds it
 * @param connectionId the connection
 */
record AgentLocation(String replica, String connectionId) {

	static AgentLocation parse(String text) {
		int space = text.indexOf(' ');
		if (space <= 0) {
			throw new IllegalArgumentException("Not an agent location");
		}
		return new AgentLocation(text.substring(0, space), text.substring(space + 1));
	}

	String encode() {
		return this.replica + " " + this.connectionId;
	}

}
