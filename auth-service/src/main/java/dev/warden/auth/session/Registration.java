package dev.warden.auth.session;

import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.PasswordPolicy;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-service sign-up. Everyone who signs up is an active MEMBER on the FREE tier;
 * nothing in the request can change that. Whether the name or email was already taken is
 * not revealed: the answer and the work done are the same either way.
 */
@Service
class Registration {

	private final UserRepository users;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final IdentityEvents events;

	private final Audit audit;

	Registration(UserRepository users, PasswordPolicy policy, PasswordHasher hasher, IdentityEvents events,
			Audit audit) {
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.audit = audit;
	}

	@Transactional
	void register(String username, String email, String password, @Nullable String displayName) {
		this.policy.requireAcceptable(password, username, email);
		String hash = this.hasher.hash(password);
		if (this.users.existsByUsername(username) || this.users.existsByEmail(email)) {
			this.audit.recordIndependently(
					AuditEntry.of("auth.register", Outcome.DENIED, "user", null).detail("reason", "taken"));
			return;
		}
		User user = User.create(username, email, displayName, hash, Role.MEMBER, Tier.FREE);
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// Taken by a concurrent sign-up: the same silent answer.
			return;
		}
		this.events.registered(user);
		this.audit.record(AuditEntry.of("auth.register", Outcome.SUCCESS, "user", user.getId()), SignIn.actorOf(user));
	}

}
