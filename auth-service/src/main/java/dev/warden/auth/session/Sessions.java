package dev.warden.auth.session;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.warden.auth.config.AuthProperties;
import dev.warden.auth.token.AccessTokens;
import dev.warden.auth.token.RefreshTokens;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues token pairs on sign-in, rotates them on refresh and revokes them on sign-out.
 */
@Service
class Sessions {

	/** The client id of sign-ins that do not name their client. */
	static final String DEFAULT_CLIENT = "warden";

	private final SignIn signIn;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final UserRepository users;

	private final AuthProperties properties;

	private final Audit audit;

	Sessions(SignIn signIn, AccessTokens accessTokens, RefreshTokens refreshTokens, UserRepository users,
			AuthProperties properties, Audit audit) {
		this.signIn = signIn;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.users = users;
		this.properties = properties;
		this.audit = audit;
	}

	@Transactional(noRollbackFor = InvalidCredentialsException.class)
	TokenResponse signIn(String login, String password, @Nullable String requestedScope, @Nullable String clientId) {
		User user = this.signIn.authenticate(login, password);
		String client = (clientId != null && !clientId.isBlank()) ? clientId : DEFAULT_CLIENT;
		List<String> scopes = narrow(AccessTokens.scopesOf(user), requestedScope);
		AccessTokens.IssuedToken access = this.accessTokens.forUser(user, client, scopes,
				this.properties.accessTokenLifetime());
		return TokenResponse.of(access, this.refreshTokens.issue(user.getId(), client));
	}

	@Transactional(noRollbackFor = { RefreshTokens.RefreshRefused.class, ProblemException.class })
	TokenResponse refresh(String refreshToken) {
		RefreshTokens.Rotation rotation;
		try {
			rotation = this.refreshTokens.rotate(refreshToken);
		}
		catch (RefreshTokens.RefreshRefused ex) {
			throw invalidRefreshToken();
		}
		Optional<User> user = this.users.findById(rotation.userId()).filter(User::isActive);
		if (user.isEmpty()) {
			this.refreshTokens.revokeFamily(rotation.familyId(), "user-inactive");
			throw invalidRefreshToken();
		}
		AccessTokens.IssuedToken access = this.accessTokens.forUser(user.get(), rotation.clientId(),
				AccessTokens.scopesOf(user.get()), this.properties.accessTokenLifetime());
		return TokenResponse.of(access, rotation.newToken());
	}

	@Transactional
	void signOut(String refreshToken) {
		Optional<UUID> userId = this.refreshTokens.revokeFamilyOf(refreshToken);
		userId.flatMap(this.users::findById)
			.ifPresent((user) -> this.audit.record(AuditEntry.of("auth.logout", Outcome.SUCCESS, "user", user.getId()),
					SignIn.actorOf(user)));
	}

	private static List<String> narrow(List<String> granted, @Nullable String requested) {
		if (requested == null || requested.isBlank()) {
			return granted;
		}
		List<String> asked = List.of(requested.trim().split("\\s+"));
		if (!granted.containsAll(asked)) {
			throw new ProblemException(ProblemTypes.MALFORMED_REQUEST, "The requested scope is not available.")
				.with("error", "invalid_scope")
				.with("error_description", "The requested scope is not available.");
		}
		return asked.stream().distinct().toList();
	}

	private static ProblemException invalidRefreshToken() {
		return new ProblemException(ProblemTypes.UNAUTHORIZED, "The refresh token is not valid.")
			.with("error", "invalid_grant")
			.with("error_description", "The refresh token is not valid.");
	}

}
