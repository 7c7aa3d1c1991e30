package dev.warden.gateway.identity;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityHeadersTests {

	@Test
	void stripsIdentityHeadersInAnyCase() {
		for (String name : List.of("X-User-Id", "x-user-roles", "X-Warden-User", "X-Auth-Request-Email",
				"X-Forwarded-User", "X-Remote-User", "Remote-User", "X-Authenticated-Userid", "X-API-Key",
				"x-api-key")) {
			assertThat(IdentityHeaders.isStripped(name)).as(name).isTrue();
		}
	}

	@Test
	void keepsOtherHeaders() {
		for (String name : List.of("Authorization", "X-Request-Id", "X-Forwarded-For", "X-Userland", "Accept")) {
			assertThat(IdentityHeaders.isStripped(name)).as(name).isFalse();
		}
	}

	@Test
	void tellsJwtsFromApiKeys() {
		assertThat(EdgeIdentityFilter.isJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
		assertThat(EdgeIdentityFilter.isJwt("wdn_abcdefghijkl_0123456789")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("member-secret-key")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("sk-proj-abc.def")).isFalse();
		// The compact shape exactly: three base64url segments, the signature may be
		// empty.
		assertThat(EdgeIdentityFilter.isJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).isTrue();
		assertThat(EdgeIdentityFilter.isJwt("")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt(".eyJzdWIiOiJ4In0.c2ln")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("eyJhbGciOiJSUzI1NiJ9..c2ln")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("a.b.c.d")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("a.b c.d")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("a.b.c=")).isFalse();
		assertThat(EdgeIdentityFilter.isJwt("a.b.cé")).isFalse();
	}

}
