package dev.warden.auth.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from RefreshToken t where t.tokenHash = ?1")
	Optional<RefreshToken> findByHashForUpdate(byte[] tokenHash);

	@Modifying
	@Query("update RefreshToken t set t.revokedAt = ?2, t.revokeReason = ?3 where t.familyId = ?1 and t.revokedAt is null")
	int revokeFamily(UUID familyId, Instant when, String reason);

	@Modifying
	@Query("update RefreshToken t set t.revokedAt = ?2, t.revokeReason = ?3 where t.userId = ?1 and t.revokedAt is null")
	int revokeAllOfUser(UUID userId, Instant when, String reason);

	@Modifying
	@Query("delete from RefreshToken t where t.expiresAt < ?1")
	int deleteExpiredBefore(Instant when);

}
