package dev.warden.command.command;

/** What happened to the credits of a command. */
public enum Settlement {

	/** Nothing was reserved: it did not run, or it costs nothing. */
	NONE,

	/** Its cost is held while it runs. */
	RESERVED,

	/** It succeeded and its cost was spent. */
	CHARGED,

	/** It did not succeed and its cost was given back. */
	RELEASED

}
