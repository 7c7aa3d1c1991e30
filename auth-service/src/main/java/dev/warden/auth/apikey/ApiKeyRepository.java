package dev.warden.auth.apikey;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

	Optional<ApiKey> findByLookup(String lookup);

	List<ApiKey> findByUserIdOrderByCreatedAtDesc(UUID userId);

	@Modifying
	@Query("update ApiKey k set k.revokedAt = current_timestamp where k.userId = ?1 and k.revokedAt is null")
	int revokeAllOfUser(UUID userId);

}
