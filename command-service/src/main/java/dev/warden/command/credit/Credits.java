package dev.warden.command.credit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.warden.contracts.Actor;
import dev.warden.contracts.EventIds;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;
import dev.warden.contracts.audit.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit ledger. Every change to an account is one conditional update of the account
 * and one ledger entry in the same transaction, so the balance never goes negative and
 * the entries always sum to it. A command's credits are reserved before it runs and then
 * either charged or released, each at most once (unique indexes enforce it).
 */
@Service
@EnableConfigurationProperties(CreditProperties.class)
public class Credits {

	private final JdbcClient jdbc;

	private final CreditProperties properties;

	private final Audit audit;

	Credits(JdbcClient jdbc, CreditProperties properties, Audit audit) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
	}

	/**
	 * Opens a user's account with their tier's opening balance if it is not open yet.
	 * @param userId the user
	 * @param tier the tier from the user's token, or {@code null}
	 * @param actor who the user is, for the ledger
	 */
	@Transactional
	public void open(String userId, @Nullable String tier, Actor actor) {
		createIfMissing(userId);
		long opening = this.properties.openingFor(tier);
		Optional<Long> balance = this.jdbc
			.sql("update credit_accounts set balance = balance + :amount, opened = true, updated_at = now() "
					+ "where user_id = :user and not opened returning balance")
			.param("amount", opening)
			.param("user", userId)
			.query(Long.class)
			.optional();
		balance.ifPresent((after) -> entry(userId, EntryKind.OPENING, opening, 0, after, null, actor,
				"opening balance of tier " + ((tier != null) ? tier : this.properties.defaultTier())));
	}

	/**
	 * Adds credits to an account, or takes them back with a negative amount (never below
	 * zero).
	 * @param userId the user
	 * @param amount the credits
	 * @param note why
	 * @param actor the administrator
	 * @return the account after the grant
	 * @throws InsufficientCreditsException if taking back more than the balance
	 */
	@Transactional
	public CreditAccount grant(String userId, long amount, String note, Actor actor) {
		createIfMissing(userId);
		move(userId, EntryKind.GRANT, amount, 0, null, actor, note)
			.orElseThrow(() -> new InsufficientCreditsException(-amount, account(userId).balance()));
		return account(userId);
	}

	/**
	 * Holds a command's cost, in the caller's transaction.
	 * @param commandId the command
	 * @param userId who pays
	 * @param cost the credits
	 * @param actor who the user is
	 * @throws InsufficientCreditsException if the balance is short; nothing changes
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reserve(UUID commandId, String userId, int cost, Actor actor) {
		move(userId, EntryKind.RESERVE, -cost, cost, commandId, actor, null)
			.orElseThrow(() -> new InsufficientCreditsException(cost, account(userId).balance()));
	}

	/**
	 * Spends what was held for a command, in the caller's transaction.
	 * @param commandId the command
	 * @param userId who pays
	 * @param cost the held credits
	 * @param actor who caused the settlement
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void charge(UUID commandId, String userId, int cost, Actor actor) {
		move(userId, EntryKind.CHARGE, 0, -cost, commandId, actor, null)
			.orElseThrow(() -> new IllegalStateException("Account " + userId + " holds less than " + cost));
	}

	/**
	 * Gives back what was held for a command, in the caller's transaction.
	 * @param commandId the command
	 * @param userId who was to pay
	 * @param cost the held credits
	 * @param actor who caused the settlement
	 * @param reason why nothing is charged
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(UUID commandId, String userId, int cost, Actor actor, String reason) {
		move(userId, EntryKind.RELEASE, cost, -cost, commandId, actor, reason)
			.orElseThrow(() -> new IllegalStateException("Account " + userId + " holds less than " + cost));
	}

	/**
	 * Moves credits and writes the ledger entry in one statement (one round trip): the
	 * account changes only if neither its balance nor its held amount would go negative,
	 * and the entry is written only if the account changed.
	 * @return the balance after the move, or empty if the account would go negative
	 */
	private Optional<Long> move(String userId, EntryKind kind, long available, long reserved, @Nullable UUID commandId,
			Actor actor, @Nullable String note) {
		Optional<Long> after = this.jdbc
			.sql("with moved as (update credit_accounts set balance = balance + :available, "
					+ "reserved = reserved + :reserved, updated_at = now() where user_id = :user "
					+ "and balance + :available >= 0 and reserved + :reserved >= 0 returning balance) "
					+ "insert into credit_entries (id, user_id, kind, available_delta, reserved_delta, balance_after, "
					+ "command_id, actor_id, actor_name, note) select cast(:id as uuid), cast(:user as text), "
					+ "cast(:kind as text), cast(:available as bigint), cast(:reserved as bigint), balance, "
					+ "cast(:command as uuid), cast(:actorId as text), cast(:actorName as text), cast(:note as text) "
					+ "from moved returning balance_after")
			.param("available", available)
			.param("reserved", reserved)
			.param("user", userId)
			.param("id", EventIds.next())
			.param("kind", kind.name())
			.param("command", commandId)
			.param("actorId", actor.id())
			.param("actorName", actor.name())
			.param("note", note)
			.query(Long.class)
			.optional();
		after.ifPresent((balance) -> audit(userId, kind, available, reserved, balance, commandId, actor, note));
		return after;
	}

	/**
	 * Returns an account; an account never used reads as empty.
	 * @param userId the user
	 * @return the account
	 */
	@Transactional(readOnly = true)
	public CreditAccount account(String userId) {
		return this.jdbc.sql("select user_id, balance, reserved, updated_at from credit_accounts where user_id = ?")
			.param(userId)
			.query((rs, row) -> new CreditAccount(rs.getString(1), rs.getLong(2), rs.getLong(3),
					rs.getTimestamp(4).toInstant()))
			.optional()
			.orElseGet(() -> new CreditAccount(userId, 0, 0, java.time.Instant.EPOCH));
	}

	/**
	 * Returns a page of an account's ledger, newest first.
	 * @param userId the user
	 * @param before only entries older than this one, or {@code null} for the newest
	 * @param limit how many
	 * @return the entries
	 */
	@Transactional(readOnly = true)
	public List<LedgerEntry> ledger(String userId, @Nullable UUID before, int limit) {
		return this.jdbc
			.sql("select id, kind, available_delta, reserved_delta, balance_after, command_id, actor_name, note, "
					+ "created_at from credit_entries where user_id = :user and (cast(:before as uuid) is null or id < :before) "
					+ "order by id desc limit :limit")
			.param("user", userId)
			.param("before", before)
			.param("limit", limit)
			.query(Credits::entry)
			.list();
	}

	private void createIfMissing(String userId) {
		this.jdbc
			.sql("insert into credit_accounts (user_id, balance, reserved, opened) values (?, 0, 0, false) "
					+ "on conflict do nothing")
			.param(userId)
			.update();
	}

	private void entry(String userId, EntryKind kind, long available, long reserved, long balanceAfter,
			@Nullable UUID commandId, Actor actor, @Nullable String note) {
		this.jdbc
			.sql("insert into credit_entries (id, user_id, kind, available_delta, reserved_delta, balance_after, "
					+ "command_id, actor_id, actor_name, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(EventIds.next(), userId, kind.name(), available, reserved, balanceAfter, commandId, actor.id(),
					actor.name(), note)
			.update();
		audit(userId, kind, available, reserved, balanceAfter, commandId, actor, note);
	}

	private void audit(String userId, EntryKind kind, long available, long reserved, long balanceAfter,
			@Nullable UUID commandId, Actor actor, @Nullable String note) {
		this.audit.record(AuditEntry
			.of("credit." + kind.name().toLowerCase(java.util.Locale.ROOT), Outcome.SUCCESS, "credit-account", userId)
			.detail("availableDelta", available)
			.detail("reservedDelta", reserved)
			.detail("balanceAfter", balanceAfter)
			.detail("commandId", (commandId != null) ? commandId.toString() : null)
			.detail("note", note), actor);
	}

	private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
		String command = rs.getString("command_id");
		return new LedgerEntry(rs.getObject("id", UUID.class), EntryKind.valueOf(rs.getString("kind")),
				rs.getLong("available_delta"), rs.getLong("reserved_delta"), rs.getLong("balance_after"),
				(command != null) ? UUID.fromString(command) : null, rs.getString("actor_name"), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant());
	}

}
