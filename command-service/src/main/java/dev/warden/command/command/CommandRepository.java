package dev.warden.command.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CommandRepository extends JpaRepository<Command, UUID> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Command c where c.id = ?1")
	Optional<Command> findForUpdate(UUID id);

	@Query("select c.id from Command c where c.settlement = dev.warden.command.command.Settlement.RESERVED "
			+ "and c.leaseUntil < ?1 order by c.leaseUntil")
	List<UUID> findUnsettled(Instant leaseEndedBefore, Limit limit);

}
