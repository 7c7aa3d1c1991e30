package dev.warden.auth.bootstrap;

import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.PasswordPolicy;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the installation's first administrator from {@link FirstAdminProperties}, so
 * that a deployment without the local profile (Docker Compose, Kubernetes) has someone
 * who can create users and rules. It acts only while no administrator exists: once one
 * does, the settings are ignored (and may be removed), so a leaked or forgotten setting
 * cannot reset anyone's password. Replicas starting together race on the unique user
 * name; the loser finds the winner's administrator and does nothing.
 */
@Component
@EnableConfigurationProperties(FirstAdminProperties.class)
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final FirstAdminProperties properties;

	private final UserRepository users;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final IdentityEvents events;

	private final TransactionTemplate transactions;

	FirstAdmin(FirstAdminProperties properties, UserRepository users, PasswordPolicy policy, PasswordHasher hasher,
			IdentityEvents events, TransactionTemplate transactions) {
		this.properties = properties;
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.configured() || this.users.existsByRole(Role.ADMIN)) {
			return;
		}
		String username = this.properties.username();
		String email = (this.properties.email() != null && !this.properties.email().isBlank()) ? this.properties.email()
				: username + "@warden.invalid";
		String password = this.properties.password();
		// Refuses to start with a weak password rather than create an admin anyone can
		// guess.
		this.policy.rejection(password, username, email).ifPresent((reason) -> {
			throw new IllegalStateException("warden.auth.first-admin.password " + reason);
		});
		try {
			this.transactions.executeWithoutResult((status) -> {
				User admin = this.users.saveAndFlush(User.create(username, email, username, this.hasher.hash(password),
						Role.ADMIN, Tier.ENTERPRISE));
				this.events.registered(admin);
			});
			log.info("Created the first administrator, {}", username);
		}
		catch (DataIntegrityViolationException ex) {
			log.info("The first administrator {} was created by another replica", username);
		}
	}

}
