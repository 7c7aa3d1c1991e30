package dev.warden.auth.admin;

import java.util.List;
import java.util.UUID;

import dev.warden.auth.apikey.ApiKeys;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.PasswordPolicy;
import dev.warden.auth.token.RefreshTokens;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.Role;
import dev.warden.auth.user.Tier;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.auth.user.UserView;
import dev.warden.contracts.audit.Outcome;
import dev.warden.contracts.identity.UserBlocked;
import dev.warden.contracts.identity.UserRoleChanged;
import dev.warden.contracts.identity.UserTierChanged;
import dev.warden.contracts.identity.UserUnblocked;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to users. Every change is published on identity.events and
 * audited.
 */
@Service
public class UserAdministration {

	private final UserRepository users;

	private final ApiKeys apiKeys;

	private final RefreshTokens refreshTokens;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final IdentityEvents events;

	private final Audit audit;

	UserAdministration(UserRepository users, ApiKeys apiKeys, RefreshTokens refreshTokens, PasswordPolicy policy,
			PasswordHasher hasher, IdentityEvents events, Audit audit) {
		this.users = users;
		this.apiKeys = apiKeys;
		this.refreshTokens = refreshTokens;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.audit = audit;
	}

	/**
	 * Creates a user and their first API key.
	 * @param request the new user
	 * @return the user and the key, whose secret is shown only this once
	 */
	@Transactional
	public CreatedUser create(NewUser request) {
		if (this.users.existsByUsername(request.username()) || this.users.existsByEmail(request.email())) {
			throw ProblemException.conflict("A user with this username or email exists.");
		}
		String hash = null;
		if (request.password() != null) {
			String password = request.password();
			this.policy.requireAcceptable(password, request.username(), request.email());
			hash = this.hasher.hash(password);
		}
		User user = this.users.saveAndFlush(User.create(request.username(), request.email(), request.displayName(),
				hash, (request.role() != null) ? request.role() : Role.MEMBER,
				(request.tier() != null) ? request.tier() : Tier.FREE));
		this.events.registered(user);
		this.audit.record(AuditEntry.of("auth.user.created", Outcome.SUCCESS, "user", user.getId())
			.detail("username", user.getUsername())
			.detail("role", user.getRole().name())
			.detail("tier", user.getTier().name()));
		ApiKeys.CreatedApiKey key = this.apiKeys.create(user, "initial key", List.of(), null);
		return new CreatedUser(UserView.of(user), key);
	}

	@Transactional(readOnly = true)
	public List<UserView> list(@Nullable UUID after, int limit) {
		return this.users.findPageAfter((after != null) ? after : new UUID(0, 0), PageRequest.of(0, limit))
			.stream()
			.map(UserView::of)
			.toList();
	}

	@Transactional(readOnly = true)
	public UserView get(UUID id) {
		return UserView.of(find(id));
	}

	/**
	 * Changes a user's role and tier.
	 * @param id the user
	 * @param role the new role, or {@code null} to keep it
	 * @param tier the new tier, or {@code null} to keep it
	 * @param callerId the administrator
	 * @return the user
	 */
	@Transactional
	public UserView update(UUID id, @Nullable Role role, @Nullable Tier tier, UUID callerId) {
		User user = this.users.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("User " + id));
		if (role != null) {
			if (id.equals(callerId) && role != Role.ADMIN) {
				throw ProblemException.conflict("You cannot take away your own administrator role.");
			}
			Role previous = user.changeRole(role);
			if (previous != null) {
				this.events.publish(new UserRoleChanged(id.toString(), previous.name(), role.name()));
				this.audit.record(AuditEntry.of("auth.user.role-changed", Outcome.SUCCESS, "user", id)
					.detail("from", previous.name())
					.detail("to", role.name()));
			}
		}
		if (tier != null) {
			Tier previous = user.changeTier(tier);
			if (previous != null) {
				this.events.publish(new UserTierChanged(id.toString(), previous.name(), tier.name()));
				this.audit.record(AuditEntry.of("auth.user.tier-changed", Outcome.SUCCESS, "user", id)
					.detail("from", previous.name())
					.detail("to", tier.name()));
			}
		}
		return UserView.of(user);
	}

	/**
	 * Blocks a user: their sessions end at once, and their API keys stop verifying.
	 * @param id the user
	 * @param reason why
	 * @param callerId the administrator
	 * @return the user
	 */
	@Transactional
	public UserView block(UUID id, String reason, UUID callerId) {
		if (id.equals(callerId)) {
			throw ProblemException.conflict("You cannot block yourself.");
		}
		User user = this.users.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("User " + id));
		if (user.block(reason)) {
			int sessions = this.refreshTokens.revokeAllOf(id, "blocked");
			this.events.publish(new UserBlocked(id.toString(), reason));
			this.audit.record(AuditEntry.of("auth.user.blocked", Outcome.SUCCESS, "user", id)
				.detail("reason", reason)
				.detail("revokedSessions", sessions));
		}
		return UserView.of(user);
	}

	@Transactional
	public UserView unblock(UUID id) {
		User user = this.users.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("User " + id));
		if (user.unblock()) {
			this.events.publish(new UserUnblocked(id.toString()));
			this.audit.record(AuditEntry.of("auth.user.unblocked", Outcome.SUCCESS, "user", id));
		}
		return UserView.of(user);
	}

	private User find(UUID id) {
		return this.users.findById(id).orElseThrow(() -> ProblemException.notFound("User " + id));
	}

	/**
	 * A user to create.
	 *
	 * @param username the login name
	 * @param email the email
	 * @param displayName the display name, if any
	 * @param role the role; MEMBER when not given
	 * @param tier the tier; FREE when not given
	 * @param password a password, or none for a user of API keys only
	 */
	public record NewUser(String username, String email, @Nullable String displayName, @Nullable Role role,
			@Nullable Tier tier, @Nullable String password) {
	}

	/**
	 * A user just created.
	 *
	 * @param user the user
	 * @param apiKey their first API key, with its secret
	 */
	public record CreatedUser(UserView user, ApiKeys.CreatedApiKey apiKey) {
	}

}
