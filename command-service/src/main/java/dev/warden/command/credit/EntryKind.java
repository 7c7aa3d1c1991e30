package dev.warden.command.credit;

/** The kinds of ledger entry. */
public enum EntryKind {

	/** The opening balance of the caller's tier, once per account. */
	OPENING,

	/** Credits an administrator granted (or, negative, took back). */
	GRANT,

	/** Credits held for a command about to run. */
	RESERVE,

	/** A held amount spent: the command succeeded. */
	CHARGE,

	/** A held amount given back: the command failed, timed out or was lost. */
	RELEASE

}
