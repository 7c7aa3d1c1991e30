package dev.warden.auth;

import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;

import org.springframework.stereotype.Component;

/** Creates users straight in the database, for tests that need an administrator. */
@Component
public class TestUsers {

	private final UserRepository users;

	private final PasswordHasher hasher;

	TestUsers(UserRepository users, PasswordHasher hasher) {
		this.users = users;
		this.hasher = hasher;
	}

	public User create(String username, Role role) {
		return this.users.saveAndFlush(User.create(username, username + "@example.com", null,
				this.hasher.hash(AuthFixtures.PASSWORD), role, Tier.FREE));
	}

}
