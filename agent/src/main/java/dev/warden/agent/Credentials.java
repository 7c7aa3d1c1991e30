package dev.warden.agent;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent proves its user's identity with. The value is never printed:
 * {@link #toString()} hides it.
 */
public sealed interface Credentials {

	/**
	 * The header that carries the credentials in the WebSocket handshake.
	 * @return the header name
	 */
	String headerName();

	/**
	 * The header's value.
	 * @return the value
	 */
	String headerValue();

	/**
	 * Writes the credentials into an {@code auth} message.
	 * @param auth the message
	 */
	void writeTo(ObjectNode auth);

	/**
	 * An API key, which command-service exchanges at auth-service; agents that run for
	 * days use one, because the server re-checks it and it does not expire with a token.
	 *
	 * @param value the key
	 */
	record ApiKey(String value) implements Credentials {

		@Override
		public String headerName() {
			return "X-API-Key";
		}

		@Override
		public String headerValue() {
			return this.value;
		}

		@Override
		public void writeTo(ObjectNode auth) {
			auth.put("apiKey", this.value);
		}

		@Override
		public String toString() {
			return "ApiKey[***]";
		}

	}

	/**
	 * An access token (JWT); the server closes the connection when it expires.
	 *
	 * @param value the token
	 */
	record BearerToken(String value) implements Credentials {

		@Override
		public String headerName() {
			return "Authorization";
		}

		@Override
		public String headerValue() {
			return "Bearer " + this.value;
		}

		@Override
		public void writeTo(ObjectNode auth) {
			auth.put("token", this.value);
		}

		@Override
		public String toString() {
			return "BearerToken[***]";
		}

	}

}
