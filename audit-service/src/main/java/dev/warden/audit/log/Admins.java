package dev.warden.audit.log;

import dev.warden.platform.security.WardenAuthorities;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who counts as an administrator of the trail: the {@code ADMIN} role and the
 * {@code admin} scope, so that a token an admin obtained for something narrower (an
 * agent, a script) cannot read everyone's trail.
 */
final class Admins {

	static final String EXPRESSION = "hasRole('ADMIN') and hasAuthority('SCOPE_admin')";

	private Admins() {
	}

	static boolean is(Authentication authentication) {
		boolean role = false;
		boolean scope = false;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			role |= WardenAuthorities.ADMIN_AUTHORITY.equals(authority.getAuthority());
			scope |= "SCOPE_admin".equals(authority.getAuthority());
		}
		return role && scope;
	}

}
