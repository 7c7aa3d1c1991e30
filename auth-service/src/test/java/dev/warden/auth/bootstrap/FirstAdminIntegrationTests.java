package dev.warden.auth.bootstrap;

import dev.warden.auth.AuthHttp;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.PasswordPolicy;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.UserRepository;
import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Outside the local profile, the first administrator comes from configuration, once.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.auth.first-admin.username=founder", "warden.auth.first-admin.email=founder@example.com",
				"warden.auth.first-admin.password=correct horse battery staple, first of many" })
class FirstAdminIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	UserRepository users;

	@Autowired
	PasswordPolicy policy;

	@Autowired
	PasswordHasher hasher;

	@Autowired
	IdentityEvents events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void createsTheConfiguredAdministratorWhoCanSignInWithAdminScope() {
		JsonNode token = new AuthHttp(this.http).passwordGrant("founder",
				"correct horse battery staple, first of many");

		assertThat(token.get("scope").asString()).contains("admin");
		assertThat(this.users.findByLogin("founder").orElseThrow().getRole()).isEqualTo(Role.ADMIN);
	}

	@Test
	void doesNothingOnceAnAdministratorExists() throws Exception {
		long before = this.users.count();

		firstAdmin(new FirstAdminProperties("second", "second@example.com", "another long enough passphrase here"))
			.run(null);

		assertThat(this.users.count()).isEqualTo(before);
		assertThat(this.users.existsByUsername("second")).isFalse();
	}

	@Test
	void refusesAWeakPasswordInsteadOfCreatingAGuessableAdministrator() {
		this.transactions.executeWithoutResult(
				(status) -> this.users.findByLogin("founder").ifPresent((founder) -> this.users.delete(founder)));
		try {
			assertThatIllegalStateException()
				.isThrownBy(() -> firstAdmin(new FirstAdminProperties("weak", null, "password1")).run(null))
				.withMessageContaining("warden.auth.first-admin.password");
			assertThat(this.users.existsByUsername("weak")).isFalse();
		}
		finally {
			firstAdmin(new FirstAdminProperties("founder", "founder@example.com",
					"correct horse battery staple, first of many"))
				.run(null);
		}
	}

	private FirstAdmin firstAdmin(FirstAdminProperties properties) {
		return new FirstAdmin(properties, this.users, this.policy, this.hasher, this.events, this.transactions);
	}

}
