package dev.warden.auth;

import dev.warden.auth.user.Role;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * auth-service starts against real infrastructure and keeps the platform's contract, with
 * tokens it signed itself.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
@Import(TestUsers.class)
class AuthServiceIntegrationTests implements ServiceContract {

	@Autowired
	RestTestClient http;

	@Autowired
	TestUsers users;

	@Override
	public String memberToken() {
		return signIn(Role.MEMBER);
	}

	@Override
	public String adminToken() {
		return signIn(Role.ADMIN);
	}

	@Override
	public String serviceToken() {
		return new AuthHttp(this.http).serviceToken("command-service");
	}

	@org.junit.jupiter.api.Test
	void createsNoDemoUsersOutsideTheLocalProfile(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		org.assertj.core.api.Assertions
			.assertThat(jdbc.sql("select count(*) from auth.users where username in ('superuser', 'johndoe')")
				.query(Long.class)
				.single())
			.isZero();
	}

	private String signIn(Role role) {
		String name = this.users.create(AuthFixtures.uniqueName(role.name().toLowerCase()), role).getUsername();
		return new AuthHttp(this.http).passwordGrant(name, AuthFixtures.PASSWORD).get("access_token").asString();
	}

}
