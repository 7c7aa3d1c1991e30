package dev.warden.auth.apikey;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.warden.auth.config.AuthProperties;
import dev.warden.auth.token.AccessTokens;
import dev.warden.auth.token.TokenHasher;
import dev.warden.auth.user.IdentityEvents;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserRepository;
import dev.warden.contracts.audit.Outcome;
import dev.warden.contracts.identity.ApiKeyCreated;
import dev.warden.contracts.identity.ApiKeyRevoked;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists, revokes and verifies API keys. */
@Service
public class ApiKeys {

	/** Every scope a key can carry. */
	public static final Set<String> SCOPES = Set.of("commands", "llm", "terminal", "admin");

	private final ApiKeyRepository keys;

	private final UserRepository users;

	private final TokenHasher hasher;

	private final IdentityEvents events;

	private final Audit audit;

	private final boolean acceptUnformatted;

	ApiKeys(ApiKeyRepository keys, UserRepository users, TokenHasher hasher, IdentityEvents events, Audit audit,
			AuthProperties properties) {
		this.keys = keys;
		this.users = users;
		this.hasher = hasher;
		this.events = events;
		this.audit = audit;
		this.acceptUnformatted = properties.acceptUnformattedApiKeys();
	}

	/**
	 * Creates a key. The caller sees the secret once, in the result.
	 * @param owner whose key it is
	 * @param name what to call it
	 * @param scopes what it may be used for; {@code admin} only for administrators
	 * @param expiresAt when it expires, or {@code null} for never
	 * @return the key and its secret
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public CreatedApiKey create(User owner, String name, List<String> scopes, @Nullable Instant expiresAt) {
		return store(owner, name, scopes, expiresAt, ApiKeyFormat.generate(), false);
	}

	/**
	 * Stores a key whose secret is given, such as seed 000's demo keys. Only the local
	 * profile calls this.
	 * @param owner whose key it is
	 * @param name what to call it
	 * @param scopes what it may be used for
	 * @param secret the key itself
	 * @return the key
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public CreatedApiKey createWithSecret(User owner, String name, List<String> scopes, String secret) {
		return store(owner, name, scopes, null, secret, true);
	}

	/**
	 * Lists a user's keys, newest first.
	 * @param userId the user
	 * @return the keys, without secrets
	 */
	@Transactional(readOnly = true)
	public List<ApiKeyView> list(UUID userId) {
		return this.keys.findByUserIdOrderByCreatedAtDesc(userId).stream().map(ApiKeyView::of).toList();
	}

	/**
	 * Revokes a key.
	 * @param keyId the key
	 * @param callerId who asks
	 * @param callerIsAdmin whether the caller is an administrator, who may revoke
	 * anyone's key
	 */
	@Transactional
	public void revoke(UUID keyId, UUID callerId, boolean callerIsAdmin) {
		ApiKey key = this.keys.findById(keyId)
			.filter((found) -> callerIsAdmin || found.userId().equals(callerId))
			// Someone else's key is "not found": its existence is none of the caller's
			// business.
			.orElseThrow(() -> ProblemException.notFound("API key " + keyId));
		if (key.revoke()) {
			this.events.publish(new ApiKeyRevoked(key.userId().toString(), key.id().toString()));
			this.audit.record(AuditEntry.of("auth.api-key.revoked", Outcome.SUCCESS, "api-key", key.id())
				.detail("ownerId", key.userId().toString()));
		}
	}

	/**
	 * Revokes every key of a user.
	 * @param userId the user
	 * @return how many keys were revoked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int revokeAllOf(UUID userId) {
		List<ApiKey> active = this.keys.findByUserIdOrderByCreatedAtDesc(userId)
			.stream()
			.filter((key) -> key.isUsable(Instant.now()))
			.toList();
		for (ApiKey key : active) {
			key.revoke();
			this.events.publish(new ApiKeyRevoked(userId.toString(), key.id().toString()));
		}
		return active.size();
	}

	/**
	 * Verifies a key as presented by a client.
	 * @param presented the key
	 * @return the key and its owner, if the key is valid, not revoked, not expired, and
	 * its owner may sign in
	 */
	@Transactional
	public Optional<VerifiedApiKey> verify(String presented) {
		if (presented.isEmpty() || presented.length() > 200) {
			return Optional.empty();
		}
		byte[] hash = this.hasher.hash(presented);
		Optional<String> lookup = ApiKeyFormat.lookupId(presented);
		if (lookup.isEmpty() && !this.acceptUnformatted) {
			return Optional.empty();
		}
		Instant now = Instant.now();
		return this.keys.findByLookup(lookup.orElseGet(() -> ApiKeyFormat.unformattedLookup(hash)))
			.filter((key) -> java.security.MessageDigest.isEqual(hash, key.secretHash()))
			.filter((key) -> key.isUsable(now))
			.flatMap((key) -> this.users.findById(key.userId()).filter(User::isActive).map((user) -> {
				key.used(now);
				return new VerifiedApiKey(key.id(), user, key.scopes(), key.expiresAt());
			}));
	}

	private CreatedApiKey store(User owner, String name, List<String> scopes, @Nullable Instant expiresAt,
			String secret, boolean unformatted) {
		List<String> granted = checkScopes(owner, scopes);
		if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
			throw new ProblemException(ProblemTypes.VALIDATION, "expiresAt must be in the future.");
		}
		byte[] hash = this.hasher.hash(secret);
		String lookup = unformatted ? ApiKeyFormat.unformattedLookup(hash)
				: ApiKeyFormat.lookupId(secret).orElseThrow();
		ApiKey key = this.keys.save(new ApiKey(owner.getId(), name, lookup, hash, granted, expiresAt));
		this.events.publish(new ApiKeyCreated(owner.getId().toString(), key.id().toString(), granted));
		this.audit.record(AuditEntry.of("auth.api-key.created", Outcome.SUCCESS, "api-key", key.id())
			.detail("ownerId", owner.getId().toString())
			.detail("scopes", granted));
		return new CreatedApiKey(ApiKeyView.of(key), secret);
	}

	private static List<String> checkScopes(User owner, List<String> requested) {
		List<String> scopes = requested.isEmpty() ? AccessTokens.USER_SCOPES : requested;
		Set<String> unknown = new HashSet<>(scopes);
		unknown.removeAll(SCOPES);
		if (!unknown.isEmpty()) {
			throw new ProblemException(ProblemTypes.VALIDATION,
					"Unknown scopes " + unknown + "; choose from " + SCOPES + ".");
		}
		if (!AccessTokens.scopesOf(owner).containsAll(scopes)) {
			throw new ProblemException(ProblemTypes.FORBIDDEN, "Only administrators may create keys with admin scope.");
		}
		return scopes.stream().distinct().sorted().toList();
	}

	/**
	 * A key just created, with its secret.
	 *
	 * @param key the key
	 * @param secret the key itself, shown only this once
	 */
	public record CreatedApiKey(ApiKeyView key, String secret) {
	}

	/**
	 * A key that verified.
	 *
	 * @param keyId the key
	 * @param owner its owner
	 * @param scopes what it may be used for
	 * @param expiresAt when it expires, if it does
	 */
	public record VerifiedApiKey(UUID keyId, User owner, List<String> scopes, @Nullable Instant expiresAt) {
	}

}
