package dev.warden.auth.demo;

import java.util.List;

import dev.warden.auth.apikey.ApiKeys;
import dev.warden.auth.config.DemoProperties;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates seed 000's users in the local profile, and nowhere else: {@code superuser}
 * (ADMIN, API key {@code admin-secret-key}) and {@code johndoe} (MEMBER, API key
 * {@code member-secret-key}). Existing users are left alone, so restarts keep their data.
 */
@Component
@Profile("local")
class DemoUsers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	private final UserRepository users;

	private final ApiKeys keys;

	private final PasswordHasher hasher;

	private final IdentityEvents events;

	private final DemoProperties properties;

	private final TransactionTemplate transactions;

	DemoUsers(UserRepository users, ApiKeys keys, PasswordHasher hasher, IdentityEvents events,
			DemoProperties properties, TransactionTemplate transactions) {
		this.users = users;
		this.keys = keys;
		this.hasher = hasher;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactions.executeWithoutResult((status) -> {
			create("superuser", "superuser@warden.local", "Super User", Role.ADMIN, Tier.ENTERPRISE,
					this.properties.adminPassword(), "admin-secret-key",
					List.of("admin", "commands", "llm", "terminal"));
			create("johndoe", "johndoe@warden.local", "John Doe", Role.MEMBER, Tier.FREE,
					this.properties.memberPassword(), "member-secret-key", List.of("commands", "llm", "terminal"));
		});
	}

	private void create(String username, String email, String displayName, Role role, Tier tier,
			@Nullable String password, String apiKey, List<String> scopes) {
		if (this.users.existsByUsername(username)) {
			return;
		}
		User user = this.users.saveAndFlush(User.create(username, email, displayName,
				(password != null && !password.isBlank()) ? this.hasher.hash(password) : null, role, tier));
		this.events.registered(user);
		this.keys.createWithSecret(user, "seed 000 demo key", scopes, apiKey);
		log.info("Created demo user {} ({})", username, role);
	}

}
