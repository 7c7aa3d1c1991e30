package dev.warden.auth.session;

import java.util.List;

import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.contracts.Actor;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.security.CurrentActor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a name or email and a password. An unknown user costs the same bcrypt work as a
 * wrong password, and every outcome is audited.
 */
@Service
class SignIn {

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final LoginThrottle throttle;

	private final Audit audit;

	SignIn(UserRepository users, PasswordHasher passwords, LoginThrottle throttle, Audit audit) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
	}

	@Transactional(noRollbackFor = InvalidCredentialsException.class)
	User authenticate(String login, String password) {
		String address = CurrentActor.clientAddress();
		this.throttle.beforeAttempt(login, address);
		User user = this.users.findByLogin(login).orElse(null);
		boolean matches = this.passwords.matches(password, (user != null) ? user.getPasswordHash() : null);
		if (user == null || !matches || !user.isActive()) {
			this.throttle.failed(login);
			String reason = (user == null) ? "unknown-user"
					: !matches ? "wrong-password" : "account-" + user.getStatus();
			this.audit.recordIndependently(
					AuditEntry.of("auth.login", Outcome.FAILURE, "user", (user != null) ? user.getId() : null)
						.detail("login", login)
						.detail("reason", reason));
			throw new InvalidCredentialsException();
		}
		this.throttle.succeeded(login);
		user.signedIn();
		this.audit.record(AuditEntry.of("auth.login", Outcome.SUCCESS, "user", user.getId()), actorOf(user));
		return user;
	}

	/**
	 * Returns a user as the actor of an event, for requests that do not carry the user's
	 * token.
	 * @param user the user
	 * @return the actor
	 */
	static Actor actorOf(User user) {
		return new Actor(Actor.Kind.USER, user.getId().toString(), user.getUsername(), List.of(user.getRole().name()),
				CurrentActor.clientAddress());
	}

}
