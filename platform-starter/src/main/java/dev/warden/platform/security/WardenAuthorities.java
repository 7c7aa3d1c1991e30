package dev.warden.platform.security;

/** Names of the roles, scopes and authorities Warden's tokens carry. */
public final class WardenAuthorities {

	/** The role of administrators. */
	public static final String ADMIN = "ADMIN";

	/** The role of ordinary users. */
	public static final String MEMBER = "MEMBER";

	/** The scope only service tokens carry; {@code /internal/**} requires it. */
	public static final String INTERNAL_SCOPE = "internal";

	/** The authority granted for {@link #INTERNAL_SCOPE}. */
	public static final String INTERNAL_AUTHORITY = "SCOPE_" + INTERNAL_SCOPE;

	/** The authority granted to administrators. */
	public static final String ADMIN_AUTHORITY = "ROLE_" + ADMIN;

	/** The claim with the user's display name. */
	public static final String NAME_CLAIM = "preferred_username";

	/** The claim with the token's scopes, separated by spaces (RFC 9068). */
	public static final String SCOPE_CLAIM = "scope";

	/** The {@code typ} header of access tokens (RFC 9068). */
	public static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private WardenAuthorities() {
	}

}
