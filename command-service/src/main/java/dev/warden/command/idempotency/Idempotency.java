package dev.warden.command.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency keys as the IETF {@code Idempotency-Key} draft describes: the same key with
 * the same request replays the first answer; with another request it is refused (422);
 * while the first is still being processed, a retry is refused (409). A key is bound to
 * the command it created, so that a retry after a failure finishes that command instead
 * of running it twice.
 */
@Service
@EnableConfigurationProperties(IdempotencyProperties.class)
public class Idempotency {

	/** The key was used for a different request. */
	public static final ProblemType KEY_REUSED = new ProblemType("idempotency-key-reused",
			HttpStatus.UNPROCESSABLE_CONTENT, "The idempotency key was used for another request");

	/** The first request with this key is still being processed. */
	public static final ProblemType KEY_IN_USE = new ProblemType("idempotency-key-in-use", HttpStatus.CONFLICT,
			"A request with this idempotency key is still being processed");

	private final JdbcClient jdbc;

	private final IdempotencyProperties properties;

	private final Clock clock;

	Idempotency(JdbcClient jdbc, IdempotencyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Claims a key for a request.
	 * @param key the key
	 * @param fingerprint what identifies the request: equal requests have equal
	 * fingerprints
	 * @return what to do
	 * @throws ProblemException 422 if the key belongs to another request, 409 if its
	 * request is still being processed
	 */
	@Transactional
	public Claim claim(IdempotencyKey key, String fingerprint) {
		Instant now = this.clock.instant();
		int inserted = this.jdbc
			.sql("insert into idempotency_keys (user_id, idempotency_key, fingerprint, locked_until, expires_at) "
					+ "values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(key.userId(), key.value(), fingerprint, ts(now.plus(this.properties.lease())),
					ts(now.plus(this.properties.ttl())))
			.update();
		if (inserted == 1) {
			return new Claim.Fresh();
		}
		Row row = this.jdbc
			.sql("select fingerprint, command_id, response_status, locked_until, expires_at from idempotency_keys "
					+ "where user_id = ? and idempotency_key = ? for update")
			.params(key.userId(), key.value())
			.query((rs, index) -> new Row(rs.getString(1), rs.getObject(2, UUID.class), (Integer) rs.getObject(3),
					instant(rs.getTimestamp(4)), rs.getTimestamp(5).toInstant()))
			.single();
		if (!now.isBefore(row.expiresAt())) {
			// Remembered long enough: the key starts over.
			relock(key, fingerprint, now, true);
			return new Claim.Fresh();
		}
		if (!row.fingerprint().equals(fingerprint)) {
			throw new ProblemException(KEY_REUSED,
					"This Idempotency-Key was first used with a different request; use a new key for a new request.");
		}
		if (row.responseStatus() != null && row.commandId() != null) {
			return new Claim.Replay(row.commandId(), row.responseStatus());
		}
		if (row.lockedUntil() != null && now.isBefore(row.lockedUntil())) {
			throw new ProblemException(KEY_IN_USE,
					"The first request with this Idempotency-Key is still being processed; retry later.")
				.retryAfter(java.time.Duration.ofSeconds(1));
		}
		relock(key, fingerprint, now, false);
		return (row.commandId() != null) ? new Claim.Resume(row.commandId()) : new Claim.Fresh();
	}

	/**
	 * Binds a key to the command its request created, in the transaction that creates it.
	 * @param key the key
	 * @param commandId the command
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void bind(IdempotencyKey key, UUID commandId) {
		this.jdbc.sql("update idempotency_keys set command_id = ? where user_id = ? and idempotency_key = ?")
			.params(commandId, key.userId(), key.value())
			.update();
	}

	/**
	 * Records the answer, which retries replay from now on.
	 * @param key the key
	 * @param commandId the command the answer describes
	 * @param status the answer's status
	 */
	@Transactional
	public void complete(IdempotencyKey key, UUID commandId, int status) {
		this.jdbc
			.sql("update idempotency_keys set command_id = ?, response_status = ?, locked_until = null "
					+ "where user_id = ? and idempotency_key = ?")
			.params(commandId, status, key.userId(), key.value())
			.update();
	}

	/**
	 * Forgets a key whose request changed nothing that a retry must respect, such as a
	 * refusal for want of credits or of a policy decision; a retry is processed afresh.
	 * @param key the key
	 */
	@Transactional
	public void forget(IdempotencyKey key) {
		int deleted = this.jdbc
			.sql("delete from idempotency_keys where user_id = ? and idempotency_key = ? and response_status is null "
					+ "and command_id is null")
			.params(key.userId(), key.value())
			.update();
		if (deleted == 0) {
			// Bound to a command after all: a retry must finish that command, never run
			// another.
			abandon(key);
		}
	}

	/**
	 * Lets a retry take the key over at once after the request failed unexpectedly. The
	 * key stays bound to its command, if it has one, so the retry finishes that command.
	 * @param key the key
	 */
	@Transactional
	public void abandon(IdempotencyKey key) {
		this.jdbc
			.sql("update idempotency_keys set locked_until = null where user_id = ? and idempotency_key = ? "
					+ "and response_status is null")
			.params(key.userId(), key.value())
			.update();
	}

	/**
	 * Looks up the command a key is bound to.
	 * @param key the key
	 * @return the command
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> commandOf(IdempotencyKey key) {
		return this.jdbc.sql("select command_id from idempotency_keys where user_id = ? and idempotency_key = ?")
			.params(key.userId(), key.value())
			.query(UUID.class)
			.optional();
	}

	/** Deletes keys remembered long enough. */
	@Scheduled(fixedDelayString = "${warden.idempotency.sweep-interval:1h}", initialDelayString = "1m")
	@Transactional
	public void deleteExpired() {
		this.jdbc.sql("delete from idempotency_keys where expires_at < ?").param(ts(this.clock.instant())).update();
	}

	private void relock(IdempotencyKey key, String fingerprint, Instant now, boolean reset) {
		this.jdbc
			.sql("update idempotency_keys set locked_until = ?, fingerprint = ?"
					+ (reset ? ", command_id = null, response_status = null, expires_at = ?" : "")
					+ " where user_id = ? and idempotency_key = ?")
			.params(reset
					? new Object[] { ts(now.plus(this.properties.lease())), fingerprint,
							ts(now.plus(this.properties.ttl())), key.userId(), key.value() }
					: new Object[] { ts(now.plus(this.properties.lease())), fingerprint, key.userId(), key.value() })
			.update();
	}

	private static java.sql.Timestamp ts(Instant instant) {
		return java.sql.Timestamp.from(instant);
	}

	private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Row(String fingerprint, @Nullable UUID commandId, @Nullable Integer responseStatus,
			@Nullable Instant lockedUntil, Instant expiresAt) {
	}

}
