package dev.warden.command.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApprovalRepository extends JpaRepository<Approval, UUID> {

	@Query("select a from Approval a where a.requesterId = ?1 and a.target = ?2 and a.commandHash = ?3 "
			+ "and a.status in (dev.warden.command.approval.ApprovalStatus.PENDING, "
			+ "dev.warden.command.approval.ApprovalStatus.APPROVED)")
	Optional<Approval> findOpen(String requesterId, String target, String commandHash);

	@Query("select a.id from Approval a where a.status in (dev.warden.command.approval.ApprovalStatus.PENDING, "
			+ "dev.warden.command.approval.ApprovalStatus.APPROVED) and a.expiresAt <= ?1 order by a.expiresAt")
	List<UUID> findLapsed(Instant now, Limit limit);

	long countByStatus(ApprovalStatus status);

}
