package dev.warden.command.command;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads command history with filters and keyset pagination. */
@Component
class CommandHistory {

	private final CommandRepository repository;

	private final JdbcClient jdbc;

	CommandHistory(CommandRepository repository, JdbcClient jdbc) {
		this.repository = repository;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	Optional<CommandView> find(UUID id) {
		return this.repository.findById(id).map(Command::view);
	}

	@Transactional(readOnly = true)
	List<CommandView> list(@Nullable String userId, @Nullable CommandStatus status, @Nullable String target,
			@Nullable UUID before, int limit) {
		List<UUID> ids = this.jdbc
			.sql("select id from commands where (cast(:user as text) is null or user_id = :user) "
					+ "and (cast(:status as text) is null or status = :status) "
					+ "and (cast(:target as text) is null or target = :target) "
					+ "and (cast(:before as uuid) is null or id < :before) order by id desc limit :limit")
			.param("user", userId)
			.param("status", (status != null) ? status.name() : null)
			.param("target", target)
			.param("before", before)
			.param("limit", limit)
			.query(UUID.class)
			.list();
		return this.repository.findAllById(ids)
			.stream()
			.map(Command::view)
			.sorted(Comparator.comparing(CommandView::id).reversed())
			.toList();
	}

}
