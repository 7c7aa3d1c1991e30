package dev.warden.embedded;

/** A server process or in-process server that can be stopped. */
public interface EmbeddedServer extends AutoCloseable {

	/**
	 * Returns a short name for progress messages.
	 * @return the name
	 */
	String name();

	/** Stops the server; stopping a stopped server does nothing. */
	@Override
	void close();

}
