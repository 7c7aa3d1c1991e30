package dev.warden.auth.bootstrap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator of an installation ({@code warden.auth.first-admin.*}, e.g.
 * {@code WARDEN_AUTH_FIRSTADMIN_PASSWORD} from a secret). Used once: only while no
 * administrator exists. Unset, nothing happens.
 *
 * @param username the administrator's name
 * @param email the administrator's email
 * @param password the administrator's password; it must pass the password policy
 */
@ConfigurationProperties("warden.auth.first-admin")
record FirstAdminProperties(@Nullable String username, @Nullable String email, @Nullable String password) {

	boolean configured() {
		return this.username != null && !this.username.isBlank() && this.password != null && !this.password.isBlank();
	}

}
